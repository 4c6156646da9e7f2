using Cicero.Notifications.Templates;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Cicero.Notifications.Http;

/// <summary>
/// The parsed, sandboxed Scriban template of a request body. Every value reaches the template as a plain string, and the
/// <c>json</c> function turns a value into a complete JSON literal. Thread-safe: each render gets its own context.
/// </summary>
internal sealed class HttpBodyTemplate
{
    private const int MaxOutputCharacters = 256 * 1024;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        // Letters stay readable (æøå); quotes, backslashes, control characters and HTML-sensitive characters are escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The longest one render may take.</summary>
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(1);

    private readonly Template _template;

    private HttpBodyTemplate(Template template) => _template = template;

    /// <summary>Parses a body template.</summary>
    /// <exception cref="FormatException">The template has syntax errors (the message lists them with line and column).</exception>
    public static HttpBodyTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var template = Template.Parse(text, "BodyTemplate");
        if (template.HasErrors)
        {
            throw new FormatException(string.Join("; ", template.Messages.Select(m => m.ToString())));
        }

        return new HttpBodyTemplate(template);
    }

    /// <summary>Renders the body.</summary>
    /// <exception cref="ScriptRuntimeException">An undefined variable, a sandbox limit or another render error.</exception>
    /// <exception cref="OperationCanceledException">The render took longer than a second.</exception>
    public string Render(HttpBodyValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var model = new ScriptObject(StringComparer.Ordinal)
        {
            ["recipient"] = values.Recipient,
            ["text"] = values.Text,
            ["subject"] = values.Subject,
            ["sender"] = values.Sender,
            ["reference"] = values.Reference,
            ["protocol"] = values.Protocol,
            ["culture"] = values.Culture,
            ["type"] = values.Type,
            ["borrower_id"] = values.BorrowerId,
        };
        model.Import("json", new Func<object?, string>(Json));

        using var timeout = new CancellationTokenSource(RenderTimeout);
        var context = CreateContext(timeout.Token);
        context.PushGlobal(model);
        return _template.Render(context);
    }

    /// <summary>A complete JSON literal for a value: <c>null</c>, <c>true</c>/<c>false</c>, a number, or an escaped string in quotes.</summary>
    internal static string Json(object? value) => value switch
    {
        null => "null",
        bool flag => flag ? "true" : "false",
        int or long or short or byte or sbyte or uint or ulong or ushort or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double number when double.IsFinite(number) => number.ToString("R", CultureInfo.InvariantCulture),
        float number when float.IsFinite(number) => number.ToString("R", CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, JsonOptions),
    };

    private static TemplateContext CreateContext(CancellationToken timeout)
    {
        var context = new TemplateContext(SandboxBuiltins.Instance) { CancellationToken = timeout };
        SandboxBuiltins.Confine(context, loopLimit: 1000, recursiveLimit: 20, MaxOutputCharacters, MaxOutputCharacters, TimeSpan.FromMilliseconds(100));
        return context;
    }
}
