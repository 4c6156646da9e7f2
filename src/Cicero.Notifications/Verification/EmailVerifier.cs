using Cicero.Notifications.Profiles;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Verification;

/// <summary>
/// Verifies an e-mail address by its token and releases the messages held for it. The token is looked up
/// by its hash and compared in constant time; it is single use (verifying clears it) and expires with its address.
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

    public async Task<VerificationResult> VerifyEmailAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!VerificationToken.TryHash(token, out var hashHex, out var hash))
        {
            return Refused("malformed");
        }

        // A save can lose to a concurrent change of the same profile (staff, the nightly jobs): read again and retry.
        for (var attempt = 0; attempt < MaxSaveAttempts; attempt++)
        {
            var profile = await profiles.FindByVerificationTokenHashAsync(hashHex, cancellationToken).ConfigureAwait(false);
            var point = profile?.ContactPoints.FirstOrDefault(p => VerificationToken.Matches(p.VerificationTokenHash, hash));
            if (profile is null || point is null)
            {
                return Refused("unknown or used");
            }

            var now = time.GetUtcNow();
            if (!point.IsPendingVerification(now, setup.Options.EmailVerificationWindow))
            {
                return Refused("expired");
            }

            var saved = await profiles.TrySaveAsync(profile.ReplaceContact(point.Verify(now)), cancellationToken).ConfigureAwait(false);
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

    /// <summary>The held messages become due at once; the next dispatch sends them.</summary>
    private VerificationResult Refused(string why)
    {
        ProfileLog.VerificationRefused(_logger, why);
        return VerificationResult.InvalidOrExpired;
    }
}
