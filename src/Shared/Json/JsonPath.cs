using System.Globalization;
using System.Text.Json;

namespace Cicero.Notifications.Json;

/// <summary>
/// A simple path into a JSON document: property names and array indexes separated by dots (<c>messages.0.id</c>), with
/// an optional leading <c>$.</c>. Property names match exactly first, then ignoring case.
/// </summary>
internal sealed class JsonPath
{
    private readonly string[] _segments;

    private JsonPath(string[] segments) => _segments = segments;

    public static bool TryParse(string? text, out JsonPath? path)
    {
        path = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith("$.", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        var segments = trimmed.Split('.');
        if (segments.Any(s => s.Length == 0 || s.Any(char.IsWhiteSpace)))
        {
            return false;
        }

        path = new JsonPath(segments);
        return true;
    }

    /// <summary>Finds the value: a string as it is, a number as its JSON text; <see langword="null"/> when absent or of another kind.</summary>
    public string? Find(JsonElement root) => FindElement(root) is { } found
        ? found.ValueKind switch
        {
            JsonValueKind.String => found.GetString(),
            JsonValueKind.Number => found.GetRawText(),
            _ => null,
        }
        : null;

    /// <summary>Finds the element at the path, of any kind; <see langword="null"/> when absent.</summary>
    public JsonElement? FindElement(JsonElement root)
    {
        var current = root;
        foreach (var segment in _segments)
        {
            if (current.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                if (index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
            }
            else if (current.ValueKind == JsonValueKind.Object)
            {
                if (!TryGetProperty(current, segment, out current))
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    public override string ToString() => string.Join('.', _segments);

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }
}
