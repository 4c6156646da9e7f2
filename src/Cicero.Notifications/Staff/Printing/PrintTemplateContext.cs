using System.Globalization;
using Cicero.Notifications.Templates;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Cicero.Notifications.Staff;

/// <summary>
/// Renders a print layout in the templates' sandbox (<see cref="SandboxTemplateContext"/>: read-only builtins without
/// <c>include</c>, <c>object.eval</c> or the clock, strict variables, no .NET members, limits and a timeout), with room
/// for a long letter. For the HTML layout every value a template writes (<c>{{ body }}</c>) is HTML-encoded while the
/// layout's own markup is written as is: a value can never add markup.
/// </summary>
internal static class PrintTemplateContext
{
    private static readonly TemplateSandboxLimits PrintLimits = TemplateSandboxLimits.Default with
    {
        MaxOutputChars = 1024 * 1024,
        MaxStringChars = 1024 * 1024,
        Timeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Renders a layout with its model, sandboxed; one context per render, never reused.</summary>
    /// <exception cref="ScriptRuntimeException">The layout failed: a missing variable, a limit, the timeout.</exception>
    /// <exception cref="OperationCanceledException">The layout ran past the timeout.</exception>
    public static string Render(Template template, PrintFormat format, ScriptObject model, CultureInfo culture)
    {
        var context = new SandboxTemplateContext(PrintLimits);
        context.Begin(model, culture);
        return context.Render(template, html: format == PrintFormat.Html);
    }
}
