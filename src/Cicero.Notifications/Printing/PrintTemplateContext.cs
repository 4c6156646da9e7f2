using System.Text;
using Cicero.Notifications.Templates;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Cicero.Notifications.Printing;

/// <summary>
/// The sandbox a print layout renders in: the templates' shared read-only <see cref="SandboxBuiltins"/> (no
/// <c>include</c>, no <c>object.eval</c>, no clock), no template loader, strict variables, no .NET members, limits on loops,
/// recursion, strings and output, and a timeout. For the HTML layout every value a template writes
/// (<c>{{ body }}</c>) is HTML-encoded, while the layout's own markup is written as is: a value can never add markup.
/// </summary>
/// <remarks>One context per render; never reused.</remarks>
internal sealed class PrintTemplateContext : TemplateContext
{
    private const int MaxChars = 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly bool _html;

    private PrintTemplateContext(bool html)
        : base(SandboxBuiltins.Instance)
    {
        _html = html;
        TemplateLoader = null;
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        EnableRelaxedTargetAccess = false;
        EnableRelaxedFunctionAccess = false;
        MemberFilter = static _ => false;
        TryGetMember = MemberNotFound;
        LoopLimit = 1000;
        LoopLimitQueryable = 1000;
        RecursiveLimit = 20;
        ObjectRecursionLimit = 20;
        LimitToString = MaxChars;
        OnStringLimit = ScriptLimitBehavior.Throw;
        OutputLimit = MaxChars;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        RegexTimeOut = TimeSpan.FromMilliseconds(100);
        NewLine = "\n";
    }

    /// <summary>Renders a layout with its model, sandboxed.</summary>
    /// <exception cref="ScriptRuntimeException">The layout failed: a missing variable, a limit, the timeout.</exception>
    /// <exception cref="OperationCanceledException">The layout ran past the timeout.</exception>
    public static string Render(Template template, PrintFormat format, Scriban.Runtime.ScriptObject model, System.Globalization.CultureInfo culture)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var context = new PrintTemplateContext(format == PrintFormat.Html) { CancellationToken = timeout.Token };
        context.PushCulture(culture);
        context.PushGlobal(model);
        return template.Render(context);
    }

    /// <summary>Encodes the characters that matter in HTML text and quoted attribute values, and keeps letters such as æ, ø and å readable.</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text ?? "";
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <inheritdoc/>
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
        => _html && textAsObject is not null ? base.Write(span, Encode(ObjectToString(textAsObject))) : base.Write(span, textAsObject);

    /// <inheritdoc/>
    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject)
        => _html && textAsObject is not null ? base.WriteAsync(span, Encode(ObjectToString(textAsObject))) : base.WriteAsync(span, textAsObject);

    private static bool MemberNotFound(TemplateContext context, SourceSpan span, object target, string member, out object value)
        => throw new ScriptRuntimeException(span, $"The member `{member}` was not found.");
}
