namespace Cicero.Notifications;

/// <summary>The answer of <see cref="IEmailVerification.VerifyEmailAsync"/>.</summary>
/// <remarks>
/// The answers other than <see cref="Verified"/> tell the holder of a link only about that link: a token is 256 random
/// bits, so nobody learns anything about an address whose link they do not have.
/// </remarks>
public enum VerificationResult
{
    /// <summary>The e-mail address is verified now; messages held for it go out with the next dispatch.</summary>
    Verified = 0,

    /// <summary>
    /// The link was used before: the address is verified already, and nothing changed. A second click, a reloaded page
    /// or a second device all end here.
    /// </summary>
    AlreadyVerified = 1,

    /// <summary>
    /// The address was not verified within <see cref="CiceroNotificationsOptions.EmailVerificationWindow"/> and nothing
    /// changed; the nightly jobs delete it. The borrower asks the library to send a new link (staff add the address again).
    /// </summary>
    Expired = 2,

    /// <summary>
    /// The link does not work: the token is malformed, was never issued, was replaced by a newer link (a resend), or
    /// belonged to an address that has since been removed or deleted. Nothing changed. The borrower asks the library to
    /// send a new link.
    /// </summary>
    Unknown = 3,
}
