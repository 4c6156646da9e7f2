using System.Text.RegularExpressions;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Verification;

/// <summary>
/// The link in an e-mail verification message, and its removal from the stored message once the message has gone out
/// or been given up: the profile keeps only the token's hash, and the message body must not keep the token itself for
/// staff to see, print or click until anonymization.
/// </summary>
internal static partial class VerificationLink
{
    /// <summary>What replaces the token in a stored message's body.</summary>
    public const string RemovedToken = "***";

    /// <summary>The name of the query parameter that carries the token.</summary>
    public const string TokenParameter = "token";

    /// <summary>The name of the query parameter that carries the culture the verification mail was written in.</summary>
    public const string CultureParameter = "culture";

    /// <summary>
    /// The link: <c>{BaseUrl}?token={token}&amp;culture={culture}</c>. The token is base64url, safe in a query; the culture
    /// (the verification mail's, for example <c>en-GB</c>) lets the page answer in the mail's language, even for a link
    /// that no longer works.
    /// </summary>
    /// <param name="baseUrl">The page that verifies addresses.</param>
    /// <param name="token">The token.</param>
    /// <param name="culture">The culture name the verification mail is rendered in.</param>
    /// <returns>The link.</returns>
    public static string Build(Uri baseUrl, string token, string culture)
        => new UriBuilder(baseUrl) { Query = $"{TokenParameter}={token}&{CultureParameter}={Uri.EscapeDataString(culture)}" }.Uri.AbsoluteUri;

    /// <summary>
    /// Returns the verification message without the token in its body and HTML body, once it is Sent or Failed (it is
    /// never sent again then; a retry by staff is not offered for verification messages, which never enter the queue).
    /// Any other message, or one still to be sent, is returned as it is.
    /// </summary>
    /// <param name="message">The message, as it is about to be stored.</param>
    /// <returns>The message to store.</returns>
    public static Message RemoveToken(Message message)
    {
        if (message.Type != NotificationType.EmailVerification || message.Status is not (MessageStatus.Sent or MessageStatus.Failed)
            || message.Content is not { } content)
        {
            return message;
        }

        var body = Token().Replace(content.Body, RemovedToken);
        var html = content.HtmlBody is null ? null : Token().Replace(content.HtmlBody, RemovedToken);
        return ReferenceEquals(body, content.Body) && ReferenceEquals(html, content.HtmlBody)
            ? message
            : message.WithStoredContent(content with { Body = body, HtmlBody = html });
    }

    // A token as VerificationToken makes it: 43 base64url characters after "token=".
    [GeneratedRegex("(?<=token=)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Token();
}
