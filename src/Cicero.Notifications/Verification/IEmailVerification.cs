namespace Cicero.Notifications;

/// <summary>
/// The page a verification link opens: proves the borrower owns the e-mail address. Thread-safe.
/// </summary>
public interface IEmailVerification
{
    /// <summary>
    /// Verifies the e-mail address the token was issued for and releases the messages held for it, which the next dispatch
    /// sends at once. A token works once, and only until its address expires.
    /// </summary>
    /// <param name="token">The <c>token</c> query parameter of the verification link, as received.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>
    /// <see cref="VerificationResult.Verified"/>, or <see cref="VerificationResult.InvalidOrExpired"/> for an unknown, used,
    /// expired or malformed token — the same answer for all of them, so it reveals nothing about any borrower.
    /// </returns>
    Task<VerificationResult> VerifyEmailAsync(string? token, CancellationToken cancellationToken = default);
}
