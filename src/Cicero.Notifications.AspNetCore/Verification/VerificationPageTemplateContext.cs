using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Cicero.Notifications.Templates;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Cicero.Notifications.AspNetCore.Verification;

/// <summary>
/// The sandbox a verification page layout renders in: the library's read-only builtins (<see cref="SandboxBuiltins"/>:
/// no <c>include</c>, no <c>object.eval</c>, no clock), no template loader, strict variables, no .NET members, loop,
/// recursion, string and output limits, and a timeout. Every value written by <c>{{ … }}</c> is HTML-encoded, except
/// <see cref="TrustedHtml"/> the library built itself; the layout's literal text is written as is. One context per
/// render, never reused.
/// </summary>
internal sealed class VerificationPageTemplateContext : TemplateContext
{
    private const int MaxOutputChars = 256 * 1024;

    // Letters stay readable (æøå); markup characters, quotes and control characters are encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private VerificationPageTemplateContext(CancellationToken timeout)
        : base(SandboxBuiltins.Instance)
    {
        SandboxBuiltins.Confine(this, loopLimit: 1000, recursiveLimit: 20, MaxOutputChars, MaxOutputChars, TimeSpan.FromMilliseconds(100));
        CancellationToken = timeout;
    }

    /// <summary>The longest one render may take.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>HTML-encodes a value for element content and quoted attributes.</summary>
    public static string Encode(string value) => Encoder.Encode(value);

    /// <summary>Renders a layout with its model, sandboxed.</summary>
    /// <exception cref="ScriptRuntimeException">The layout failed: a missing variable, a limit.</exception>
    /// <exception cref="OperationCanceledException">The layout ran past <see cref="Timeout"/>.</exception>
    public static string Render(Template template, ScriptObject model, CultureInfo culture)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var context = new VerificationPageTemplateContext(timeout.Token);
        context.PushGlobal(model);
        context.PushCulture(culture);
        return template.Render(context);
    }

    /// <inheritdoc/>
    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => base.Write(span, textAsObject),
        TrustedHtml html => base.Write(span, html.Markup),
        _ => base.Write(span, Encode(ObjectToString(textAsObject) ?? "")),
    };

    /// <inheritdoc/>
    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => base.WriteAsync(span, textAsObject),
        TrustedHtml html => base.WriteAsync(span, html.Markup),
        _ => base.WriteAsync(span, Encode(ObjectToString(textAsObject) ?? "")),
    };
}
