using System.Buffers;
using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Sending;

/// <summary>
/// A notification's template data as the JSON kept with its messages (so they can be rendered again on another
/// protocol). Written in one walk that also checks it — plain data only, within limits — so hostile data is refused in
/// bounded time and memory before anything is stored. Every render, the first and any later one, reads the data back
/// from this JSON: a value prints the same whichever path renders it.
/// </summary>
/// <remarks>
/// Accepted: strings, booleans, finite numbers, <see cref="char"/>, <see cref="DateTime"/>, <see cref="DateTimeOffset"/>,
/// <see cref="DateOnly"/>, <see cref="TimeOnly"/>, <see cref="JsonElement"/>, dictionaries with string keys and sequences
/// of these. Dates and times are written as ISO 8601 strings; templates see any string in that form as a date or time
/// (see <c>TemplateModel</c>).
/// </remarks>
internal static class TemplateDataJson
{
    /// <summary>The most values (leaves and containers) in one notification's data.</summary>
    public const int MaxValues = 10_000;

    /// <summary>The deepest nesting of lists and dictionaries.</summary>
    public const int MaxDepth = 16;

    /// <summary>The longest string value, in characters.</summary>
    public const int MaxStringLength = 64 * 1024;

    /// <summary>The longest key, in characters.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>The most bytes of the whole data as JSON (UTF-8).</summary>
    public const int MaxBytes = 256 * 1024;

    private const string Accepted = "pass strings, booleans, finite numbers, dates and times (DateTime, DateTimeOffset, DateOnly, TimeOnly), JSON, or lists and dictionaries of those";

    /// <summary>Checks the data and writes it as a JSON object.</summary>
    /// <param name="data">The template data.</param>
    /// <param name="json">The JSON; <see langword="null"/> when there is no data or it was refused.</param>
    /// <param name="refusal">Why the data was refused, naming the key and never the value; <see langword="null"/> when written.</param>
    /// <param name="cancellationToken">Observed while walking the data.</param>
    /// <returns><see langword="true"/> when the data is plain data within the limits.</returns>
    public static bool TryWrite(IReadOnlyDictionary<string, object?> data, out string? json, [NotNullWhen(false)] out string? refusal, CancellationToken cancellationToken = default)
    {
        json = null;
        refusal = null;
        if (data.Count == 0)
        {
            return true;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        try
        {
            using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
            new Walk(writer, cancellationToken).Object(data, path: "", depth: 0);
        }
        catch (RefusedException ex)
        {
            refusal = ex.Message;
            return false;
        }

        json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return true;
    }

    /// <summary>The stored template data as the renderer takes it: a JSON element by variable name.</summary>
    /// <param name="templateData">The JSON written by <see cref="TryWrite"/>, or <see langword="null"/>.</param>
    /// <returns>The data; empty when there is none.</returns>
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
            data[property.Name] = property.Value.Clone();
        }

        return data;
    }

    /// <summary>One walk over the data: checks each value against the rules and limits, and writes it.</summary>
    private sealed class Walk(Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        private int _values;

        public void Object(IEnumerable<KeyValuePair<string, object?>> map, string path, int depth)
        {
            writer.WriteStartObject();
            foreach (var (key, child) in map)
            {
                var childPath = Key(key, path);
                writer.WritePropertyName(key);
                Value(child, childPath, depth + 1);
            }

            writer.WriteEndObject();
        }

        private void Value(object? value, string path, int depth)
        {
            Count(path, depth);
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string s:
                    writer.WriteStringValue(Text(s, path));
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case char c:
                    writer.WriteStringValue(Text(c.ToString(), path));
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
                    writer.WriteNumberValue(Finite(f, path));
                    break;
                case double d:
                    writer.WriteNumberValue(Finite(d, path));
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
                    writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    break;
                case TimeOnly time:
                    writer.WriteStringValue(time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "HH:mm:ss" : "HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
                    break;
                case JsonElement element:
                    Json(element, path, depth);
                    break;
                case JsonDocument document:
                    Json(document.RootElement, path, depth);
                    break;
                case IReadOnlyDictionary<string, object?> map:
                    Object(map, path, depth);
                    break;
                case IDictionary<string, object?> map:
                    Object(map, path, depth);
                    break;
                case IDictionary map:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in map)
                    {
                        if (entry.Key is not string key)
                        {
                            throw Refused(path, $"is a dictionary with keys of type {TypeName(entry.Key.GetType())}; templates need string keys");
                        }

                        var childPath = Key(key, path);
                        writer.WritePropertyName(key);
                        Value(entry.Value, childPath, depth + 1);
                    }

                    writer.WriteEndObject();
                    break;
                case IEnumerable list:
                    writer.WriteStartArray();
                    var index = 0;
                    foreach (var item in list)
                    {
                        Value(item, $"{path}[{index++}]", depth + 1);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    throw Refused(path, $"has type {TypeName(value.GetType())}, which templates cannot use; {Accepted}");
            }

            if (writer.BytesCommitted + writer.BytesPending > MaxBytes)
            {
                throw Refused(path, $"makes the template data larger than {MaxBytes / 1024} KiB as JSON");
            }
        }

        private void Json(JsonElement element, string path, int depth)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        var childPath = Key(property.Name, path);
                        writer.WritePropertyName(property.Name);
                        Count(childPath, depth + 1);
                        Json(property.Value, childPath, depth + 1);
                    }

                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        var childPath = $"{path}[{index++}]";
                        Count(childPath, depth + 1);
                        Json(item, childPath, depth + 1);
                    }

                    writer.WriteEndArray();
                    break;
                case JsonValueKind.String:
                    writer.WriteStringValue(Text(element.GetString()!, path));
                    break;
                case JsonValueKind.Undefined:
                    throw Refused(path, "is an undefined JSON element (default(JsonElement))");
                default:
                    element.WriteTo(writer);
                    break;
            }
        }

        /// <summary>Counts a value and checks the count, the depth and the cancellation token.</summary>
        private void Count(string path, int depth)
        {
            if (++_values > MaxValues)
            {
                throw Refused(path, $"is one value too many: template data holds at most {MaxValues} values (an endless sequence is refused here)");
            }

            if (depth > MaxDepth)
            {
                throw Refused(path, $"is nested more than {MaxDepth} levels deep");
            }

            if ((_values & 0xFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        private static string Key(string? key, string path)
        {
            if (key is null)
            {
                throw Refused(path.Length == 0 ? "(top level)" : path, "has a key that is null");
            }

            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (key.Length == 0 || key.Length > MaxKeyLength || !TextRules.IsWellFormed(key))
            {
                // The key itself may be what is wrong: name its parent and the problem, never echo a broken key.
                throw Refused(path.Length == 0 ? "(top level)" : path, $"has a key that is empty, longer than {MaxKeyLength} characters or not well-formed text");
            }

            return childPath;
        }

        private static string Text(string text, string path)
        {
            if (text.Length > MaxStringLength)
            {
                throw Refused(path, $"is a string of {text.Length} characters; the limit is {MaxStringLength}");
            }

            if (!TextRules.IsWellFormed(text))
            {
                throw Refused(path, "is a string with a broken surrogate pair (not well-formed UTF-16)");
            }

            return text;
        }

        private static double Finite(double value, string path)
            => double.IsFinite(value) ? value : throw Refused(path, "is not a finite number (NaN or infinity)");

        private static RefusedException Refused(string path, string problem) => new($"Template data '{path}' {problem}.");

        private static string TypeName(Type type) => type.Namespace is { } ns ? $"{ns}.{type.Name}" : type.Name;
    }

    /// <summary>Stops the walk at the first refusal; <see cref="TryWrite"/> turns it into its result.</summary>
    private sealed class RefusedException(string message) : Exception(message);
}
