using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Cicero.Notifications.Templates;

/// <summary>
/// A Scriban context locked down for templates written by library staff: the shared read-only
/// <see cref="SandboxBuiltins"/>, no template loader (so no <c>include</c>), strict variables and members, no access
/// to .NET members, loop, recursion, string and output limits, and a timeout. In HTML mode every value written
/// by <c>{{ … }}</c> is HTML-encoded; literal template text is not.
/// </summary>
/// <remarks>
/// Pooled: one render at a time. <see cref="Begin"/> pushes the model and culture; <see cref="TryEnd"/> pops them
/// and says whether the context is clean enough to reuse. After an exception the context is discarded, never reused
/// (Scriban keeps the partial output and pushed scopes of a failed render).
/// </remarks>
internal sealed class SandboxTemplateContext : TemplateContext, IDisposable
{
    private CancellationTokenSource _timeout = new();
    private ScriptObject? _model;
    // The render's local scope, reused from render to render: emptied when a render ends cleanly (so nothing of one
    // borrower's render stays in a pooled context), and never reused after a failed one (the context is discarded).
    private readonly ScriptObject _locals = new();
    private CultureInfo _culture = CultureInfo.InvariantCulture;

    public SandboxTemplateContext(TemplateSandboxLimits limits)
        : base(SandboxBuiltins.Instance)
    {
        ArgumentNullException.ThrowIfNull(limits);
        TemplateLoader = null;
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        EnableRelaxedTargetAccess = false;
        EnableRelaxedFunctionAccess = false;
        MemberFilter = static _ => false;
        TryGetMember = MemberNotFound;
        LoopLimit = limits.LoopLimit;
        LoopLimitQueryable = limits.LoopLimit;
        RecursiveLimit = limits.RecursiveLimit;
        ObjectRecursionLimit = limits.MaxDataDepth + 4;
        LimitToString = limits.MaxStringChars;
        OnStringLimit = ScriptLimitBehavior.Throw;
        OutputLimit = limits.MaxOutputChars;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        RegexTimeOut = limits.RegexTimeout;
        NewLine = "\n";
        Timeout = limits.Timeout;
    }

    /// <summary>Gets the render timeout.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Gets or sets whether values written by <c>{{ … }}</c> are HTML-encoded.</summary>
    public bool HtmlEncode { get; set; }

    /// <summary>Starts a render: the model becomes the global scope, the culture formats values, the timeout starts.</summary>
    /// <param name="model">The per-render model (data plus standard variables).</param>
    /// <param name="culture">The culture for numbers and dates.</param>
    public void Begin(ScriptObject model, CultureInfo culture)
    {
        _model = model;
        _culture = culture;
        PushGlobal(model);
        PushGlobal(_locals);
        PushCulture(culture);
        _timeout.CancelAfter(Timeout);
        CancellationToken = _timeout.Token;
    }

    /// <summary>Ends a successful render and checks that nothing of it is left behind.</summary>
    /// <returns><see langword="true"/> when the context is clean and may go back to the pool.</returns>
    public bool TryEnd()
    {
        var clean = CultureCount == 1 && GlobalCount == 3 && ReferenceEquals(CurrentGlobal, _locals) && OutputCount == 1
            && Output is StringBuilderOutput { Builder.Length: 0 };
        if (clean)
        {
            PopCulture();
            PopGlobal();
            PopGlobal();
            _locals.Clear();
        }

        HtmlEncode = false;
        _model = null;
        _culture = CultureInfo.InvariantCulture;
        CancellationToken = CancellationToken.None;
        if (!_timeout.TryReset())
        {
            _timeout.Dispose();
            _timeout = new CancellationTokenSource();
        }

        if (Tags.Count > 0 || CachedTemplates.Count > 0)
        {
            clean = false;
        }

        return clean;
    }

    /// <summary>Renders one part of the template.</summary>
    /// <param name="template">The parsed part.</param>
    /// <param name="html">Whether values are HTML-encoded.</param>
    /// <returns>The text.</returns>
    public string Render(Template template, bool html)
    {
        HtmlEncode = html;
        try
        {
            return template.Render(this);
        }
        finally
        {
            HtmlEncode = false;
        }
    }

    /// <inheritdoc/>
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
        => HtmlEncode && textAsObject is not null
            ? base.Write(span, HtmlText.Encode(ObjectToString(textAsObject)))
            : base.Write(span, textAsObject);

    /// <inheritdoc/>
    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject)
        => HtmlEncode && textAsObject is not null
            ? base.WriteAsync(span, HtmlText.Encode(ObjectToString(textAsObject)))
            : base.WriteAsync(span, textAsObject);

    /// <summary>Formats dates and times for letters in the render's culture; everything else as Scriban does.</summary>
    /// <param name="value">The value.</param>
    /// <param name="nested">Whether the value is inside a list or object being printed.</param>
    /// <returns>The text.</returns>
    public override string? ObjectToString(object? value, bool nested = false) => value switch
    {
        DateTime date => TemplateValueFormat.Date(date, _culture),
        TimeSpan time => TemplateValueFormat.Time(time, _culture) ?? base.ObjectToString(value, nested),
        _ => base.ObjectToString(value, nested),
    };

    public void Dispose() => _timeout.Dispose();

    private static bool MemberNotFound(TemplateContext context, SourceSpan span, object target, string member, out object value)
        => throw new ScriptRuntimeException(span, $"The member `{member}` was not found.");
}
