namespace Cicero.Notifications;

/// <summary>The answer of <see cref="IEmailVerification.VerifyEmailAsync"/>.</summary>
public enum VerificationResult
{
    /// <summary>The e-mail address is verified; messages held for it go out with the next dispatch.</summary>
    Verified = 0,

    /// <summary>
    /// The link does not work: the token is unknown, already used, replaced by a newer one, expired with its address, or
    /// malformed. One answer for all, so it reveals nothing. Staff can send a new link.
    /// </summary>
    InvalidOrExpired = 1,
}
