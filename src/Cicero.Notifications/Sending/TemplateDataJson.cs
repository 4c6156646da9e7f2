using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cicero.Notifications.Sending;

/// <summary>
/// Writes (and reads back) plain template data (checked by <see cref="TemplateDataCheck"/>) as JSON with
/// <see cref="Utf8JsonWriter"/>, kept with the message so it can be rendered again on another protocol. Dates become
/// ISO 8601 strings.
/// </summary>
internal static class TemplateDataJson
{
    /// <summary>Writes the data as a JSON object.</summary>
    /// <param name="data">Plain data, checked by <see cref="TemplateDataCheck"/>.</param>
    /// <returns>The JSON.</returns>
    public static string Write(IReadOnlyDictionary<string, object?> data)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, data);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
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
