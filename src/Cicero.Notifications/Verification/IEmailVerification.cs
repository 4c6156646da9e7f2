namespace Cicero.Notifications;

/// <summary>
/// The page a verification link opens: proves the borrower owns the e-mail address. Thread-safe.
/// </summary>
/// <remarks>
/// Mail security scanners (Safe Links and similar) open every link in a mail before the borrower does. A page must
/// therefore never verify on a GET: show <see cref="CheckAsync"/>'s answer with a button, and call
/// <see cref="VerifyEmailAsync"/> from the button's POST. <c>Cicero.Notifications.AspNetCore</c> ships such a page.
/// </remarks>
public interface IEmailVerification
{
    /// <summary>
    /// Verifies the e-mail address the token was issued for and releases the messages held for it, which the next dispatch
    /// sends at once. A token verifies once, and only until its address expires; used again, it answers
    /// <see cref="VerificationResult.AlreadyVerified"/> and changes nothing.
    /// </summary>
    /// <param name="token">The <c>token</c> query parameter of the verification link, as received.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>
    /// <see cref="VerificationResult.Verified"/>, <see cref="VerificationResult.AlreadyVerified"/>,
    /// <see cref="VerificationResult.Expired"/>, or <see cref="VerificationResult.Unknown"/> for a malformed, unknown or
    /// replaced token. Only <see cref="VerificationResult.Verified"/> changes anything.
    /// </returns>
    /// <exception cref="BorrowerProfileConflictException">The borrower's profile kept changing meanwhile; nothing changed.</exception>
    Task<VerificationResult> VerifyEmailAsync(string? token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Says what the token would do, without using it and without changing anything: what a verification page shows on
    /// a GET, which mail scanners also send.
    /// </summary>
    /// <param name="token">The <c>token</c> query parameter of the verification link, as received.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>
    /// <see cref="VerificationTokenStatus.Valid"/> when <see cref="VerifyEmailAsync"/> would verify the address now; else
    /// the answer it would give.
    /// </returns>
    Task<VerificationTokenStatus> CheckAsync(string? token, CancellationToken cancellationToken = default);
}
