using System.Diagnostics;
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
/// Pooled: one render at a time. <see cref="Begin(ScriptObject, CultureInfo)"/> pushes the model and culture; <see cref="TryEnd"/> pops them
/// and says whether the context is clean enough to reuse. After an exception the context is discarded, never reused
/// (Scriban keeps the partial output and pushed scopes of a failed render).
/// </remarks>
internal sealed class SandboxTemplateContext : TemplateContext
{
    // The timeout is checked while evaluating: before every function call (a builtin such as a regular expression can
    // spend up to its own limit in one call) and every EvaluationsPerClockCheck other syntax nodes (loops of cheap
    // nodes), with no timer or cancellation source per render. The clock starts when the render begins, so a render is
    // stopped within one call or a few hundred cheap nodes of its limit. Every way a template can spend time goes
    // through Evaluate; builtins that work on one value are bounded by the string, output and regex limits. Real time
    // on purpose, not the library's TimeProvider: this guards the CPU, and a fake clock would never stop a runaway
    // template in a test.
    private const int EvaluationsPerClockCheck = 256;
    private const long NotStarted = long.MaxValue;

    private readonly long _timeoutTicks;

    private long _deadline = NotStarted;
    private int _untilClockCheck = EvaluationsPerClockCheck;
    // The render's local scope, reused from render to render: emptied when a render ends cleanly (so nothing of one
    // borrower's render stays in a pooled context), and never reused after a failed one (the context is discarded).
    private readonly ScriptObject _locals = new();
    private CultureInfo _culture = CultureInfo.InvariantCulture;

    public SandboxTemplateContext(TemplateSandboxLimits limits)
        : base(SandboxBuiltins.Instance)
    {
        ArgumentNullException.ThrowIfNull(limits);
        SandboxBuiltins.Confine(this, limits.LoopLimit, limits.RecursiveLimit, limits.MaxStringChars, limits.MaxOutputChars, limits.RegexTimeout);
        ObjectRecursionLimit = limits.MaxDataDepth + 4;
        _timeoutTicks = (long)Math.Min(limits.Timeout.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 4);
    }

    /// <summary>Gets or sets whether values written by <c>{{ … }}</c> are HTML-encoded.</summary>
    public bool HtmlEncode { get; set; }

    /// <summary>Starts a render: the model becomes the global scope, the culture formats values, and the timeout clock starts.</summary>
    /// <param name="model">The per-render model (data plus standard variables).</param>
    /// <param name="culture">The culture for numbers and dates.</param>
    public void Begin(ScriptObject model, CultureInfo culture)
    {
        _culture = culture;
        PushGlobal(model);
        PushGlobal(_locals);
        PushCulture(culture);
        _untilClockCheck = EvaluationsPerClockCheck;
        _deadline = Stopwatch.GetTimestamp() + _timeoutTicks;
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
        _culture = CultureInfo.InvariantCulture;
        _deadline = NotStarted;

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
        // Scriban remembers whether the last text written ended a line (to indent the next); a part starts afresh.
        ResetPreviousNewLine();
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

    /// <summary>Evaluates a syntax node, stopping the render with a <see cref="ScriptAbortException"/> once it is past its timeout.</summary>
    /// <param name="scriptNode">The node.</param>
    /// <param name="aboutToWrite">Whether the result is about to be written.</param>
    /// <returns>The node's value.</returns>
    public override object? Evaluate(ScriptNode? scriptNode, bool aboutToWrite = false)
    {
        if (--_untilClockCheck <= 0 || scriptNode is ScriptFunctionCall or ScriptPipeCall)
        {
            CheckTimeout(scriptNode);
        }

        return base.Evaluate(scriptNode, aboutToWrite);
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

    private void CheckTimeout(ScriptNode? node)
    {
        _untilClockCheck = EvaluationsPerClockCheck;
        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw new ScriptAbortException(node?.Span ?? default, CancellationToken.None);
        }
    }
}
