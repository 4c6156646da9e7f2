namespace Cicero.Notifications;

/// <summary>How borrowers verify manually added e-mail addresses.</summary>
/// <remarks>
/// The verification mail links to <c>{BaseUrl}?token={token}</c>. The link is always built from this setting, never
/// from request data, so a forged Host header cannot send borrowers elsewhere.
/// </remarks>
public class VerificationOptions
{
    /// <summary>
    /// Gets or sets the page of the host that verifies an e-mail address: it reads the <c>token</c> query parameter
    /// and calls <see cref="IEmailVerification.VerifyEmailAsync"/>. An absolute <c>https</c> URL without query or
    /// fragment (<c>http</c> is allowed for <c>localhost</c> only), for example <c>https://bibliotek.example.dk/bekraeft-email</c>.
    /// Required when any notification type uses the e-mail protocol.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? BaseUrl { get; set; }
}
