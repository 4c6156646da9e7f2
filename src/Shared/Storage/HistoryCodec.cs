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
internal static class HistoryCodec
{
    public static string Write(ImmutableArray<MessageHistoryEntry> history)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (history.IsDefault ? 0 : history.Length * 64));
        using (var writer = new Utf8JsonWriter(buffer))
        {
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
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static ImmutableArray<MessageHistoryEntry> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var builder = ImmutableArray.CreateBuilder<MessageHistoryEntry>(document.RootElement.GetArrayLength());
        foreach (var item in document.RootElement.EnumerateArray())
        {
            builder.Add(new MessageHistoryEntry(
                (MessageEvent)item.GetProperty("e"u8).GetInt32(),
                (MessageStatus)item.GetProperty("f"u8).GetInt32(),
                (MessageStatus)item.GetProperty("t"u8).GetInt32(),
                new DateTimeOffset(item.GetProperty("at"u8).GetInt64(), TimeSpan.Zero),
                item.GetProperty("by"u8).GetString()!,
                item.TryGetProperty("r"u8, out var reason) ? reason.GetString() : null));
        }

        return builder.MoveToImmutable();
    }
}
