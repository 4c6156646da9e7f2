using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage.Internal;

/// <summary>
/// Writes a message's history as compact JSON — <c>[{"e":1,"f":0,"t":1,"at":638…,"by":"system","r":"…"}]</c> — and
/// reads it back. Times are UTC ticks, so they round-trip exactly. Reasons are never personal data (domain rule).
/// </summary>
/// <remarks>
/// Every message read from a store goes through here (anonymization reads and writes a million of them), so both ways
/// are one forward pass: reading with <see cref="Utf8JsonReader"/> over the UTF-8 text (on the stack when it is short),
/// writing with a <see cref="Utf8JsonWriter"/> and buffer kept per thread.
/// </remarks>
internal static class HistoryCodec
{
    private const int StackLimit = 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string Write(ImmutableArray<MessageHistoryEntry> history)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer);
        }
        else
        {
            writer.Reset(buffer);
        }

        writer.WriteStartArray();
        if (!history.IsDefault)
        {
            foreach (var entry in history)
            {
                writer.WriteStartObject();
                writer.WriteNumber("e"u8, (int)entry.Event);
                writer.WriteNumber("f"u8, (int)entry.From);
                writer.WriteNumber("t"u8, (int)entry.To);
                writer.WriteNumber("at"u8, entry.At.UtcTicks);
                writer.WriteString("by"u8, entry.Actor);
                if (entry.Reason is not null)
                {
                    writer.WriteString("r"u8, entry.Reason);
                }

                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > 64 * 1024)
        {
            // An unusually long history: do not keep its buffer for the thread's lifetime.
            t_buffer = null;
            t_writer = null;
        }

        return json;
    }

    public static ImmutableArray<MessageHistoryEntry> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = null;
        var utf8 = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            return Read(utf8[..Encoding.UTF8.GetBytes(json, utf8)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static ImmutableArray<MessageHistoryEntry> Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A message history must be a JSON array.");
        }

        var builder = ImmutableArray.CreateBuilder<MessageHistoryEntry>(4);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            builder.Add(ReadEntry(ref reader));
        }

        return reader.TokenType == JsonTokenType.EndArray
            ? builder.DrainToImmutable()
            : throw new JsonException("A message history must be a JSON array of objects.");
    }

    /// <summary>Reads one entry; properties it does not know are skipped, and the last of a repeated one counts.</summary>
    private static MessageHistoryEntry ReadEntry(ref Utf8JsonReader reader)
    {
        int? messageEvent = null, from = null, to = null;
        long? at = null;
        string? actor = null, reason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("e"u8))
            {
                messageEvent = NextInt32(ref reader);
            }
            else if (reader.ValueTextEquals("f"u8))
            {
                from = NextInt32(ref reader);
            }
            else if (reader.ValueTextEquals("t"u8))
            {
                to = NextInt32(ref reader);
            }
            else if (reader.ValueTextEquals("at"u8))
            {
                reader.Read();
                at = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("by"u8))
            {
                reader.Read();
                // Nearly every entry is the system's: share that string rather than allocate it per entry.
                actor = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("system"u8) ? MessageHistoryEntry.SystemActor : reader.GetString();
            }
            else if (reader.ValueTextEquals("r"u8))
            {
                reader.Read();
                reason = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new MessageHistoryEntry(
            (MessageEvent)(messageEvent ?? throw Missing("e")),
            (MessageStatus)(from ?? throw Missing("f")),
            (MessageStatus)(to ?? throw Missing("t")),
            new DateTimeOffset(at ?? throw Missing("at"), TimeSpan.Zero),
            actor ?? throw Missing("by"),
            reason);
    }

    private static int NextInt32(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetInt32();
    }

    private static JsonException Missing(string property) => new($"A message history entry has no \"{property}\".");
}
