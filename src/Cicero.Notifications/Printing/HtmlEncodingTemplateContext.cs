using Scriban;
using Scriban.Parsing;

namespace Cicero.Notifications.Printing;

/// <summary>
/// A Scriban context that HTML-encodes every value a template writes (<c>{{ body }}</c>), while the template's own
/// markup (the text outside <c>{{ }}</c>) is written as is: a value can never add markup, whatever the layout does.
/// </summary>
internal sealed class HtmlEncodingTemplateContext : TemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is not null)
        {
            Write(Encode(ObjectToString(textAsObject)));
        }

        return this;
    }

    /// <summary>Encodes the characters that matter in HTML text and quoted attribute values; everything else is kept readable.</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text ?? "";
        }

        var builder = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }

        return builder.ToString();
    }
}
