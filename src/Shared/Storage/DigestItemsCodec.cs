using System.Collections.Immutable;
using System.Text.Json;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage.Internal;

/// <summary>
/// Writes a digest message's items as compact JSON — <c>[{"key":"reservation-4711-ready","at":638…}]</c>, times as UTC
/// ticks — and reads them back; <see langword="null"/> for a message that is not a digest. Idempotency keys hold no
/// personal data, so the column outlives anonymization.
/// </summary>
internal static class DigestItemsCodec
{
    public static string? Write(ImmutableArray<DigestItem> items)
    {
        if (items.IsDefaultOrEmpty)
        {
            return null;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStartObject();
                if (item.IdempotencyKey is { } key)
                {
                    writer.WriteString("key"u8, key);
                }

                writer.WriteNumber("at"u8, item.AddedAt.UtcTicks);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static ImmutableArray<DigestItem> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var items = ImmutableArray.CreateBuilder<DigestItem>(document.RootElement.GetArrayLength());
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var key = item.TryGetProperty("key"u8, out var k) ? k.GetString() : null;
            items.Add(new DigestItem(key, new DateTimeOffset(item.GetProperty("at"u8).GetInt64(), TimeSpan.Zero)));
        }

        return items.MoveToImmutable();
    }
}
