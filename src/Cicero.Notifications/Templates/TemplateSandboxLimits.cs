namespace Cicero.Notifications.Templates;

/// <summary>The limits a template render runs under. The defaults suit notification texts; tests tighten them.</summary>
internal sealed record TemplateSandboxLimits
{
    /// <summary>Gets the default limits.</summary>
    public static TemplateSandboxLimits Default { get; } = new();

    /// <summary>Gets the most loop iterations in one render (all loops together, and ranges).</summary>
    public int LoopLimit { get; init; } = 1000;

    /// <summary>Gets the deepest function recursion.</summary>
    public int RecursiveLimit { get; init; } = 20;

    /// <summary>Gets the most characters of one rendered part (subject, body or HTML body).</summary>
    public int MaxOutputChars { get; init; } = 64 * 1024;

    /// <summary>Gets the longest string a template may build or convert (string multiplication, padding, joins).</summary>
    public int MaxStringChars { get; init; } = 64 * 1024;

    /// <summary>Gets the longest a whole render (all parts) may take before it is cancelled.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the longest one regular expression in a template may run.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the deepest nesting of lists and dictionaries in template data.</summary>
    public int MaxDataDepth { get; init; } = 16;

    /// <summary>
    /// The most characters of one template part (subject, body, HTML body) or print layout, checked at start-up before it is
    /// parsed: twice the output limit, as a part longer than that could never render.
    /// </summary>
    public const int MaxTemplateChars = 128 * 1024;

    /// <summary>Gets the most values (leaves and containers) in one render's template data.</summary>
    public int MaxDataValues { get; init; } = 10_000;
}
