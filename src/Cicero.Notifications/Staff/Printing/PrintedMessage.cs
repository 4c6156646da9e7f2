using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>One message as a printable document, in two forms: a self-contained HTML page with A4 print CSS, and plain text.</summary>
/// <param name="MessageId">The printed message.</param>
/// <param name="Culture">The culture it was printed in, for example <c>da-DK</c>.</param>
/// <param name="Html">The HTML document: no scripts and no external resources; every value HTML-encoded.</param>
/// <param name="Text">The plain-text document.</param>
/// <remarks>Both documents hold personal data (address, content); <see cref="ToString"/> leaves them out.</remarks>
public sealed record PrintedMessage(MessageId MessageId, string Culture, string Html, string Text)
{
    /// <summary>Returns a description without the documents.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"PrintedMessage {MessageId} ({Culture}, html: {Html.Length} characters, text: {Text.Length} characters)";
}
