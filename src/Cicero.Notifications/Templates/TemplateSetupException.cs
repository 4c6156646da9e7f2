namespace Cicero.Notifications.Templates;

/// <summary>
/// The templates could not be set up: one or more fail to parse or name an invalid type, protocol or culture.
/// The message lists every problem with type, protocol, culture, part and Scriban's line and column.
/// </summary>
internal sealed class TemplateSetupException : InvalidOperationException
{
    public TemplateSetupException(IReadOnlyList<string> failures)
        : base(FormatMessage(failures)) => Failures = failures;

    /// <summary>Gets the individual problems, one sentence each.</summary>
    public IReadOnlyList<string> Failures { get; }

    private static string FormatMessage(IReadOnlyList<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return "The notification templates are not valid:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", failures);
    }
}
