namespace Cicero.Notifications.AspNetCore.Verification;

/// <summary>
/// Markup the library built itself (the form's hidden fields, every value in them encoded), which a layout writes as is.
/// Anything a layout makes of it (a string function, a concatenation) is a plain string again, and is encoded.
/// </summary>
/// <param name="markup">The markup.</param>
internal sealed class TrustedHtml(string markup)
{
    /// <summary>Gets the markup.</summary>
    public string Markup { get; } = markup;

    /// <summary>Returns the markup; a layout that turns it into a string gets it encoded.</summary>
    /// <returns>The markup.</returns>
    public override string ToString() => Markup;
}
