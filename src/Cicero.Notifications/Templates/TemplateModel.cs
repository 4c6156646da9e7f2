using System.Collections;
using System.Globalization;
using System.Text.Json;
using Scriban.Runtime;

namespace Cicero.Notifications.Templates;

/// <summary>
/// Projects template data onto plain Scriban values so no .NET object ever reaches a template. Accepted: strings,
/// booleans, numbers, <see cref="DateTime"/>, <see cref="DateTimeOffset"/> (its clock time), <see cref="DateOnly"/>,
/// <see cref="TimeOnly"/>, <see cref="JsonElement"/>/<see cref="JsonDocument"/>, dictionaries with string keys (→ objects)
/// and sequences of these (→ arrays). Anything else is refused, naming the key and the type but never the value.
/// </summary>
internal static class TemplateModel
{
    /// <summary>The name of the standard variable holding the library's name.</summary>
    public const string LibraryNameVariable = "library_name";

    /// <summary>
    /// The name of the standard variable holding a digest's notifications (their data, oldest first); null unless the data
    /// has it, so a template can ask <c>if items</c> whether it renders a digest.
    /// </summary>
    public const string ItemsVariable = "items";

    /// <summary>Builds the global object for renders, read-only with everything in it, so renders sharing it cannot change it.</summary>
    /// <param name="data">The template data.</param>
    /// <param name="libraryName">The library's name, added as <c>library_name</c> unless the data has one; <c>items</c> is null unless the data has it.</param>
    /// <param name="limits">The data depth and size limits.</param>
    /// <param name="describe">Names the template, for error messages.</param>
    /// <returns>The frozen model.</returns>
    /// <exception cref="TemplateRenderException">A value has a type templates cannot use, or the data is too deep or too large.</exception>
    public static ScriptObject CreateFrozen(IReadOnlyDictionary<string, object?> data, string libraryName, TemplateSandboxLimits limits, Func<string> describe)
    {
        var projection = new Projection(limits, describe);
        var model = new ScriptObject(data.Count + 2) { [LibraryNameVariable] = libraryName, [ItemsVariable] = null };
        if (data is Dictionary<string, object?> dictionary)
        {
            foreach (var (key, value) in dictionary)
            {
                model[key] = projection.Convert(value, key, depth: 1);
            }
        }
        else
        {
            foreach (var (key, value) in data)
            {
                model[key] = projection.Convert(value, key, depth: 1);
            }
        }

        // Flat data (the common case) has nothing nested to walk.
        if (projection.MadeObjects)
        {
            FreezeTree(model, depth: 0);
        }
        else
        {
            model.IsReadOnly = true;
        }

        return model;
    }

    private static void FreezeTree(IScriptObject node, int depth)
    {
        if (depth <= 64)
        {
            foreach (var member in node.GetMembers())
            {
                if (node.TryGetValue(member, out var child) && child is IScriptObject nested)
                {
                    FreezeTree(nested, depth + 1);
                }
            }

            if (node is ScriptArray array)
            {
                foreach (var item in array)
                {
                    if (item is IScriptObject nested)
                    {
                        FreezeTree(nested, depth + 1);
                    }
                }
            }
        }

        node.IsReadOnly = true;
    }

    /// <summary>Collects the text of every value in the model, longest first, to scrub from error messages.</summary>
    /// <param name="model">The model.</param>
    /// <param name="culture">The render's culture (values may appear formatted in it).</param>
    /// <returns>The texts of at least three characters.</returns>
    public static List<string> SensitiveTexts(ScriptObject model, CultureInfo culture)
    {
        var texts = new HashSet<string>(StringComparer.Ordinal);
        Collect(model, texts, culture, depth: 0);
        return [.. texts.OrderByDescending(t => t.Length)];
    }

    private static void Collect(object? value, HashSet<string> texts, CultureInfo culture, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        switch (value)
        {
            case null:
                return;
            case string s:
                AddText(texts, s);
                return;
            case ScriptObject obj:
                foreach (var child in obj.Values)
                {
                    Collect(child, texts, culture, depth + 1);
                }

                return;
            case ScriptArray array:
                foreach (var child in array)
                {
                    Collect(child, texts, culture, depth + 1);
                }

                return;
            case DateTime date:
                AddText(texts, TemplateValueFormat.Date(date, culture));
                AddText(texts, date.ToString(CultureInfo.InvariantCulture));
                AddText(texts, date.ToString(culture));
                return;
            case IFormattable formattable:
                AddText(texts, formattable.ToString(null, CultureInfo.InvariantCulture));
                AddText(texts, formattable.ToString(null, culture));
                return;
            default:
                return;
        }
    }

    private static void AddText(HashSet<string> texts, string? text)
    {
        if (text is { Length: >= 3 })
        {
            texts.Add(text);
        }
    }

    private sealed class Projection(TemplateSandboxLimits limits, Func<string> describe)
    {
        private int _values;

        /// <summary>Gets a value indicating whether any object or array was made (the model then needs a deep freeze).</summary>
        public bool MadeObjects { get; private set; }

        public object? Convert(object? value, string path, int depth)
        {
            if (++_values > limits.MaxDataValues)
            {
                throw new TemplateRenderException($"{describe()}: the template data has more than {limits.MaxDataValues} values.");
            }

            if (depth > limits.MaxDataDepth)
            {
                throw new TemplateRenderException($"{describe()}: the template data '{path}' is nested more than {limits.MaxDataDepth} levels deep.");
            }

            switch (value)
            {
                case null:
                case string:
                case bool:
                case int:
                case long:
                case double:
                case float:
                case decimal:
                case DateTime:
                    return value;
                case char c:
                    return c.ToString();
                case byte or sbyte or short or ushort:
                    return System.Convert.ToInt32(value, CultureInfo.InvariantCulture);
                case uint u:
                    return (long)u;
                case ulong u:
                    return u <= long.MaxValue ? (long)u : (decimal)u;
                case DateTimeOffset offset:
                    return offset.DateTime;
                case DateOnly date:
                    return date.ToDateTime(TimeOnly.MinValue);
                case TimeOnly time:
                    return time.ToTimeSpan();
                case JsonElement element:
                    return ConvertJson(element, path, depth);
                case JsonDocument document:
                    return ConvertJson(document.RootElement, path, depth);
                case IReadOnlyDictionary<string, object?> dictionary:
                    return ConvertDictionary(dictionary, path, depth);
                case IDictionary<string, object?> dictionary:
                    return ConvertDictionary(dictionary, path, depth);
                case IDictionary dictionary:
                    return ConvertDictionary(dictionary, path, depth);
                case IEnumerable sequence:
                    return ConvertSequence(sequence, path, depth);
                default:
                    throw Refuse(path, value.GetType());
            }
        }

        private ScriptObject ConvertDictionary(IEnumerable<KeyValuePair<string, object?>> dictionary, string path, int depth)
        {
            MadeObjects = true;
            var result = new ScriptObject();
            foreach (var (key, child) in dictionary)
            {
                result[key] = Convert(child, $"{path}.{key}", depth + 1);
            }

            return result;
        }

        private ScriptObject ConvertDictionary(IDictionary dictionary, string path, int depth)
        {
            MadeObjects = true;
            var result = new ScriptObject();
            foreach (DictionaryEntry entry in dictionary)
            {
                if (entry.Key is not string key)
                {
                    throw new TemplateRenderException(
                        $"{describe()}: the template data '{path}' is a dictionary with keys of type {TypeName(entry.Key.GetType())}; templates need string keys.");
                }

                result[key] = Convert(entry.Value, $"{path}.{key}", depth + 1);
            }

            return result;
        }

        private ScriptArray ConvertSequence(IEnumerable sequence, string path, int depth)
        {
            MadeObjects = true;
            var result = new ScriptArray();
            var index = 0;
            foreach (var item in sequence)
            {
                result.Add(Convert(item, $"{path}[{index}]", depth + 1));
                index++;
            }

            return result;
        }

        private object? ConvertJson(JsonElement element, string path, int depth)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    MadeObjects = true;
                    var obj = new ScriptObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        obj[property.Name] = Convert(property.Value, $"{path}.{property.Name}", depth + 1);
                    }

                    return obj;
                case JsonValueKind.Array:
                    MadeObjects = true;
                    var array = new ScriptArray();
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        array.Add(Convert(item, $"{path}[{index}]", depth + 1));
                        index++;
                    }

                    return array;
                case JsonValueKind.String:
                    return Revive(element.GetString()!) switch
                    {
                        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
                        TimeOnly time => time.ToTimeSpan(),
                        DateTimeOffset offset => offset.DateTime,
                        var other => other,
                    };
                case JsonValueKind.Number:
                    return element.TryGetInt32(out var i) ? i
                        : element.TryGetInt64(out var l) ? l
                        : element.TryGetDecimal(out var m) ? m
                        : element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>
        /// A JSON string as a template sees it: ISO 8601 dates (<c>2026-12-05</c>), date-times with or without an offset
        /// (<c>2026-12-05T10:00:00+01:00</c>, printed in their own clock time) and times of day (<c>10:00:00</c>) as dates and
        /// times, so they print as such in the render's culture; any other text as it is. Template data is stored as JSON
        /// with dates in this form, so a date prints the same in the first render and in any later one.
        /// </summary>
        private static object Revive(string text)
        {
            var invariant = CultureInfo.InvariantCulture;
            switch (text.Length)
            {
                case 10 when DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date):
                    return date;
                case 8 or 16 when text[2] == ':' && TimeOnly.TryParseExact(text, ["HH:mm:ss", "HH:mm:ss.fffffff"], invariant, DateTimeStyles.None, out var time):
                    return time;
                case >= 19 and <= 33 when text[10] == 'T':
                    if (text[^1] == 'Z' || (text[^6] is '+' or '-' && text[^3] == ':'))
                    {
                        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", invariant, DateTimeStyles.None, out var instant) ? instant : text;
                    }

                    return DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", invariant, DateTimeStyles.None, out var local) ? local : text;
                default:
                    return text;
            }
        }

        private TemplateRenderException Refuse(string path, Type type)
            => new($"{describe()}: the template data '{path}' has type {TypeName(type)}, which templates cannot use; "
                + "pass strings, numbers, booleans, dates, JSON, or lists and dictionaries of those.");

        private static string TypeName(Type type) => type.Namespace is { } ns ? $"{ns}.{type.Name}" : type.Name;
    }
}
