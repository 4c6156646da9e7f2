using System.Globalization;
using System.Text;
using System.Text.Json;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Templates;

namespace Cicero.Notifications.Staff;

/// <summary>
/// A print run's documents: one self-contained HTML page per letter (A4, page breaks in print CSS, no external
/// resources) and a CSV list (RFC 4180). The recipient's name and address lines come from the letter's template data
/// (<c>recipient_name</c>, <c>address_lines</c>) when it has them.
/// </summary>
internal sealed class LetterRunDocument(string libraryName, CultureInfo culture, TimeZoneInfo zone, StaffView view)
{
    private const string Style = """
        <style>
        @page { size: A4; margin: 20mm 20mm 25mm 25mm; }
        body { font-family: Georgia, serif; font-size: 11pt; line-height: 1.45; margin: 0; }
        .letter { break-after: page; page-break-after: always; }
        .letter:last-child { break-after: auto; page-break-after: auto; }
        .sender { font-size: 14pt; font-weight: bold; margin: 0 0 12mm; }
        .address { min-height: 30mm; margin: 0 0 10mm; }
        .meta { font-size: 9pt; color: #444; margin: 0 0 8mm; }
        h2 { font-size: 12pt; margin: 0 0 4mm; }
        @media screen { .letter { border-bottom: 1px dashed #999; padding: 10mm 0; } }
        </style>
        """;

    private bool English => DisplayNames.IsEnglish(culture);

    public string Html(LetterRunRecord run, IReadOnlyList<Message> letters)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"").Append(English ? "en" : "da").Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(HtmlText.Encode(libraryName)).Append(" – ").Append(English ? "Letters" : "Breve").Append(' ').Append(HtmlText.Encode(PrintModel.Format(run.CollectedAt, culture, zone)))
            .Append("</title>\n").Append(Style).Append("\n</head>\n<body>\n");
        if (letters.Count == 0)
        {
            html.Append("<p>").Append(English ? "No letters were waiting." : "Ingen breve ventede.").Append("</p>\n");
        }

        foreach (var letter in letters)
        {
            html.Append("<section class=\"letter\">\n<p class=\"sender\">").Append(HtmlText.Encode(libraryName)).Append("</p>\n");
            if (letter.IsAnonymized || letter.Content is not { } content)
            {
                html.Append("<p>").Append(English ? "The content of this letter has been anonymized." : "Brevets indhold er anonymiseret.").Append("</p>\n");
            }
            else
            {
                var (name, lines) = Address(content.TemplateData);
                html.Append("<div class=\"address\">");
                if (name is not null || lines.Count > 0)
                {
                    html.Append("<p>").AppendJoin("<br>\n", new[] { name }.Concat(lines).OfType<string>().Select(HtmlText.Encode)).Append("</p>");
                }

                html.Append("</div>\n<p class=\"meta\">").Append(HtmlText.Encode(Meta(letter))).Append("</p>\n");
                if (content.Subject is { Length: > 0 } subject)
                {
                    html.Append("<h2>").Append(HtmlText.Encode(subject)).Append("</h2>\n");
                }

                foreach (var paragraph in content.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
                {
                    html.Append("<p>").AppendJoin("<br>\n", paragraph.Split('\n').Select(HtmlText.Encode)).Append("</p>\n");
                }
            }

            html.Append("</section>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    public string Csv(IReadOnlyList<Message> letters)
    {
        var csv = new StringBuilder();
        Row(csv, English ? ["message_id", "borrower", "type", "branch"] : ["besked_id", "laaner", "type", "filial"]);
        foreach (var letter in letters)
        {
            Row(csv, [letter.Id.ToString(), letter.BorrowerId.Display, view.TypeName(letter.Type, culture), letter.Branch ?? ""]);
        }

        return csv.ToString();
    }

    /// <summary>"Date · type · branch" above a letter's subject.</summary>
    private string Meta(Message letter)
    {
        var parts = new List<string> { FormatDate(letter.ChangedAt), view.TypeName(letter.Type, culture) };
        if (letter.Branch is { } branch)
        {
            parts.Add(view.BranchName(branch, culture));
        }

        return string.Join(" · ", parts);
    }

    private string FormatDate(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return English ? local.ToString("d MMMM yyyy", culture) : local.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("da-DK"));
    }

    /// <summary>The recipient's name and postal address lines from the template data (<c>recipient_name</c>, <c>address_lines</c>), when it has them.</summary>
    private static (string? Name, IReadOnlyList<string> Lines) Address(string? templateData)
    {
        if (string.IsNullOrEmpty(templateData))
        {
            return (null, []);
        }

        using var document = JsonDocument.Parse(templateData);
        var root = document.RootElement;
        var name = root.TryGetProperty("recipient_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var lines = root.TryGetProperty("address_lines", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()!).ToList()
            : [];
        return (name, lines);
    }

    private static void Row(StringBuilder csv, string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            var value = values[i];
            csv.Append(value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value);
        }

        csv.Append("\r\n");
    }
}
