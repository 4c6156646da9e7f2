using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cicero.Notifications.Sending;

/// <summary>
/// Writes (and reads back) plain template data (checked by <see cref="TemplateDataCheck"/>) as JSON, kept with the message so it can be
/// rendered again on another protocol. A hand-written writer: the reflection-based serializer costs more than the
/// render on the hot path. Dates become ISO 8601 strings.
/// </summary>
internal static class TemplateDataJson
{
    // One writer and buffer per thread, reset for every notification: a new Utf8JsonWriter and buffer cost more than
    // writing a few values. A buffer that grew past MaxCachedBuffer (unusually large data) is not kept.
    private const int MaxCachedBuffer = 16 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Writes the data as a JSON object.</summary>
    /// <param name="data">Plain data, checked by <see cref="TemplateDataCheck"/>.</param>
    /// <returns>The JSON.</returns>
    public static string Write(IReadOnlyDictionary<string, object?> data)
        => data is Dictionary<string, object?> dictionary && FlatTemplateDataJson.TryWrite(dictionary, out var json) ? json : WriteWithWriter(data);

    /// <summary>Writes the data with <see cref="Utf8JsonWriter"/>: any plain data, the reference for the flat fast path.</summary>
    /// <param name="data">Plain data, checked by <see cref="TemplateDataCheck"/>.</param>
    /// <returns>The JSON.</returns>
    internal static string WriteWithWriter(IReadOnlyDictionary<string, object?> data)
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(512);
        var writer = t_writer;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(buffer);
        }
        else
        {
            writer.Reset(buffer);
        }

        // Detached while in use, so a failure half-way leaves nothing behind for the next notification on this thread.
        t_buffer = null;
        t_writer = null;

        writer.WriteStartObject();
        if (data is Dictionary<string, object?> dictionary)
        {
            foreach (var (key, value) in dictionary)
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value);
            }
        }
        else
        {
            foreach (var (key, value) in data)
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value);
            }
        }

        writer.WriteEndObject();
        writer.Flush();
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);

        if (buffer.Capacity <= MaxCachedBuffer)
        {
            buffer.Clear(); // zeroes what was written: no template data lingers in a cached buffer
            t_buffer = buffer;
            t_writer = writer;
        }
        else
        {
            writer.Dispose();
        }

        return json;
    }

    /// <summary>
    /// The stored template data (JSON) as the renderer takes it: JSON elements by variable name, except that top-level
    /// ISO 8601 dates (which is how dates were stored) become dates again, so they print as dates ("20. marts 2026").
    /// </summary>
    public static Dictionary<string, object?> Read(string? templateData)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(templateData))
        {
            return data;
        }

        using var document = JsonDocument.Parse(templateData);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            data[property.Name] = Revive(property.Value.Clone());
        }

        return data;
    }

    private static object? Revive(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value;
        }

        var text = value.GetString()!;
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        if (text.Length < 19 || text[10] != 'T')
        {
            return value;
        }

        var hasOffset = text.EndsWith('Z') || (text[^6] is '+' or '-' && text[^3] == ':');
        if (hasOffset)
        {
            return value.TryGetDateTimeOffset(out var instant) ? instant : value;
        }

        return value.TryGetDateTime(out var local) ? local : value;
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case char c:
                writer.WriteStringValue(c.ToString());
                break;
            case int or short or byte or sbyte or ushort:
                writer.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case uint u:
                writer.WriteNumberValue(u);
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case float f:
                writer.WriteNumberValue(f);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case DateTime dt:
                writer.WriteStringValue(dt);
                break;
            case DateTimeOffset dto:
                writer.WriteStringValue(dto);
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("O", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                break;
            case TimeSpan span:
                writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid guid:
                writer.WriteStringValue(guid);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case IReadOnlyDictionary<string, object?> map:
                WriteObject(writer, map);
                break;
            case IDictionary<string, object?> map:
                WriteObject(writer, map);
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Template data holds a {value.GetType().Name}, which is not plain data.", nameof(value));
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> map)
    {
        writer.WriteStartObject();
        foreach (var (key, child) in map)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, child);
        }

        writer.WriteEndObject();
    }
}
