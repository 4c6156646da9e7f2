using Cicero.Notifications.Profiles;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Verification;

/// <summary>
/// Verifies an e-mail address by its token and releases the messages held for it. The token is looked up by its hash
/// and compared in constant time; it verifies once (the address keeps the token's hash, so a second use is answered
/// "already verified" and changes nothing) and expires with its address.
/// </summary>
internal sealed class EmailVerifier(
    ServerSetup setup,
    IBorrowerProfileStore profiles,
    HeldMessageResolver heldMessages,
    TimeProvider time,
    ILogger<EmailVerifier>? logger = null) : IEmailVerification
{
    private const int MaxSaveAttempts = 3;

    private readonly ILogger _logger = logger ?? NullLogger<EmailVerifier>.Instance;

    public async Task<VerificationTokenStatus> CheckAsync(string? token, CancellationToken cancellationToken = default)
    {
        var status = (await FindAsync(token, cancellationToken).ConfigureAwait(false)).Status;
        ProfileLog.VerificationChecked(_logger, status);
        return status;
    }

    public async Task<VerificationResult> VerifyEmailAsync(string? token, CancellationToken cancellationToken = default)
    {
        // A save can lose to a concurrent change of the same profile (staff, the nightly jobs, a second click): read
        // again and retry; a second click that lost finds the address verified.
        for (var attempt = 0; attempt < MaxSaveAttempts; attempt++)
        {
            var (status, profile, point, now) = await FindAsync(token, cancellationToken).ConfigureAwait(false);
            if (status != VerificationTokenStatus.Valid)
            {
                var result = ResultOf(status);
                ProfileLog.VerificationRefused(_logger, result);
                return result;
            }

            var saved = await profiles.TrySaveAsync(profile!.ReplaceContact(point!.Verify(now)), cancellationToken).ConfigureAwait(false);
            if (saved is null)
            {
                ProfileLog.ProfileConflict(_logger, "VerifyEmail");
                continue;
            }

            // A crash right here leaves the messages held for a verified address: the nightly jobs release them.
            var released = await heldMessages.ReleaseAsync(saved.Id, point.Email!, now, cancellationToken).ConfigureAwait(false);
            ProfileLog.EmailVerified(_logger, released);
            return VerificationResult.Verified;
        }

        throw new BorrowerProfileConflictException("The borrower's profile kept changing while the e-mail address was being verified; nothing was changed. Open the link again.");
    }

    /// <summary>Finds the address a token was issued for, and what the token would do to it now.</summary>
    private async Task<(VerificationTokenStatus Status, BorrowerProfile? Profile, ContactPoint? Point, DateTimeOffset Now)> FindAsync(
        string? token, CancellationToken cancellationToken)
    {
        if (!VerificationToken.TryHash(token, out var hashHex, out var hash))
        {
            return (VerificationTokenStatus.Unknown, null, null, default);
        }

        var profile = await profiles.FindByVerificationTokenHashAsync(hashHex, cancellationToken).ConfigureAwait(false);
        var point = profile?.ContactPoints.FirstOrDefault(p => VerificationToken.Matches(p.VerificationTokenHash, hash));
        var now = time.GetUtcNow();
        var status = point switch
        {
            null => VerificationTokenStatus.Unknown,
            { Kind: ContactKind.Email, VerifiedAt: not null } => VerificationTokenStatus.AlreadyVerified,
            { IsAwaitingVerification: false } => VerificationTokenStatus.Unknown,
            _ when !point.IsPendingVerification(now, setup.Options.EmailVerificationWindow) => VerificationTokenStatus.Expired,
            _ => VerificationTokenStatus.Valid,
        };
        return (status, profile, point, now);
    }

    private static VerificationResult ResultOf(VerificationTokenStatus status) => status switch
    {
        VerificationTokenStatus.AlreadyVerified => VerificationResult.AlreadyVerified,
        VerificationTokenStatus.Expired => VerificationResult.Expired,
        _ => VerificationResult.Unknown,
    };
}
