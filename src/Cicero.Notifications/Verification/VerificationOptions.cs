namespace Cicero.Notifications;

/// <summary>How borrowers verify manually added e-mail addresses.</summary>
/// <remarks>
/// The verification mail links to <c>{BaseUrl}?token={token}&amp;culture={culture}</c>: the token (43 base64url
/// characters) and the culture the mail was written in (for example <c>da-DK</c> or <c>en-GB</c>), so the page can answer
/// in the mail's language. The link is always built from this setting, never from request data, so a forged Host header
/// cannot send borrowers elsewhere.
/// </remarks>
public class VerificationOptions
{
    /// <summary>
    /// Gets or sets the page of the host that verifies an e-mail address: it reads the <c>token</c> query parameter,
    /// shows <see cref="IEmailVerification.CheckAsync"/>'s answer on a GET (mail scanners open links too) and calls
    /// <see cref="IEmailVerification.VerifyEmailAsync"/> on the POST of its button (<c>MapEmailVerification</c> in
    /// <c>Cicero.Notifications.AspNetCore</c> is such a page). An absolute <c>https</c> URL without query or
    /// fragment (<c>http</c> is allowed for <c>localhost</c> only), for example <c>https://bibliotek.example.dk/bekraeft-email</c>.
    /// Required when any notification type uses the e-mail protocol.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? BaseUrl { get; set; }
}
