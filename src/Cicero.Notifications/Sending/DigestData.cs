using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Cicero.Notifications.Sending;

/// <summary>
/// The template data of a digest message: the first notification's variables, so a template can use them as it would for
/// one notification, and <c>items</c>, the data of every notification of the digest in the order they arrived. Kept as the
/// message's template data, so a reroute, retry or fallback renders the digest again from it.
/// </summary>
internal static class DigestData
{
    /// <summary>The variable that holds the list of the digest's notifications.</summary>
    public const string ItemsVariable = Templates.TemplateModel.ItemsVariable;

    /// <summary>The longest template data of one digest, in characters; a notification that would make it longer starts a digest of its own.</summary>
    public const int MaxLength = 1024 * 1024;

    /// <summary>Writes the template data of a digest of <paramref name="items"/> (each a notification's template data as JSON, or <see langword="null"/> for none).</summary>
    /// <param name="items">The notifications' data, oldest first; at least one.</param>
    /// <returns>The JSON object.</returns>
    public static string Compose(IReadOnlyList<string?> items)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        // The pieces are valid JSON already (each item was written by TemplateDataJson): validation would only repeat that.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            if (items[0] is { } first)
            {
                using var document = JsonDocument.Parse(first);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteStartArray(ItemsVariable);
            foreach (var item in items)
            {
                writer.WriteRawValue(item ?? "{}", skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The notifications' data of a digest's template data (written by <see cref="Compose"/>), oldest first.</summary>
    /// <param name="templateData">The digest's template data.</param>
    /// <returns>Each notification's data as JSON.</returns>
    public static List<string?> Items(string? templateData)
    {
        var items = new List<string?>();
        if (string.IsNullOrEmpty(templateData))
        {
            return items;
        }

        using var document = JsonDocument.Parse(templateData);
        if (document.RootElement.TryGetProperty(ItemsVariable, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                items.Add(item.GetRawText());
            }
        }

        return items;
    }
}
