using Cicero.Notifications.Profiles;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Telemetry;
using Cicero.Notifications.Verification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Nightly;

/// <summary>Anonymization and deletion of expired unverified e-mail addresses, in batches.</summary>
internal sealed class NightlyJobs(
    ServerSetup setup,
    IMessageStore messages,
    IBorrowerProfileStore profiles,
    HeldMessageResolver heldMessages,
    NotificationFallbacks fallbacks,
    TimeProvider time,
    CiceroTelemetry telemetry,
    ILogger<NightlyJobs>? logger = null) : INightlyJobs
{
    private readonly ILogger _logger = logger ?? NullLogger<NightlyJobs>.Instance;

    public async Task<NightlyRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        using var activity = CiceroTelemetry.ActivitySource.StartActivity("cicero.nightly");
        // Expired addresses first: their held messages get a final status, so an old one is anonymized in this same run
        // (the other order would leave it for a second run, and the jobs would not be idempotent).
        var (deleted, held, skipped) = await DeleteExpiredEmailsAsync(cancellationToken).ConfigureAwait(false);
        var (released, leftOver) = await SweepHeldAsync(cancellationToken).ConfigureAwait(false);
        held += leftOver;

        // Fallbacks a crash interrupted (between storing a failure and storing its fallback) are completed.
        var fallbacksCreated = await fallbacks.SweepAsync(cancellationToken).ConfigureAwait(false);
        var anonymized = await AnonymizeAsync(cancellationToken).ConfigureAwait(false);
        var forgotten = await ForgetIdempotencyKeysAsync(cancellationToken).ConfigureAwait(false);
        var receipts = await ForgetUnmatchedReceiptsAsync(cancellationToken).ConfigureAwait(false);
        var runs = await UntilNoneLeftAsync(messages.ForgetLetterRunsAsync, cancellationToken).ConfigureAwait(false);
        var result = new NightlyRunResult(anonymized, deleted, held.Rerouted, held.MissingContactInfo, held.Failed, skipped, forgotten, released, receipts, fallbacksCreated, runs);
        ProfileLog.NightlyRunCompleted(_logger, result.MessagesAnonymized, result.EmailAddressesDeleted, result.HeldMessagesRerouted, result.HeldMessagesMissingContactInfo, result.HeldMessagesFailed, result.ProfilesSkipped, result.IdempotencyKeysForgotten);
        activity?.SetTag("cicero.messages.anonymized", anonymized);
        return result;
    }

    /// <summary>Anonymization, batch after batch until the store finds nothing older than the retention period.</summary>
    private Task<int> AnonymizeAsync(CancellationToken cancellationToken)
        => UntilNoneLeftAsync((cutoff, batchSize, ct) => messages.AnonymizeBatchAsync(cutoff, time.GetUtcNow(), batchSize, ct), cancellationToken);

    /// <summary>Idempotency keys are kept as long as the messages' content: batch after batch, from the same cut-off.</summary>
    private Task<int> ForgetIdempotencyKeysAsync(CancellationToken cancellationToken)
        => UntilNoneLeftAsync(messages.ForgetIdempotencyKeysAsync, cancellationToken);

    /// <summary>Runs a batch job with the retention cut-off until a batch finds nothing; returns the total.</summary>
    private async Task<int> ForgetUnmatchedReceiptsAsync(CancellationToken cancellationToken)
    {
        var forgotten = await UntilNoneLeftAsync(messages.ForgetUnmatchedReceiptsAsync, cancellationToken, setup.Options.Receipts.UnmatchedRetention).ConfigureAwait(false);
        if (forgotten > 0)
        {
            Log.UnmatchedReceiptsForgotten(_logger, forgotten);
            telemetry.Receipt(null, null, null, forgotten);
        }

        return forgotten;
    }

    private async Task<int> UntilNoneLeftAsync(Func<DateTimeOffset, int, CancellationToken, Task<int>> batch, CancellationToken cancellationToken, TimeSpan? retention = null)
    {
        var options = setup.Options.Nightly;
        var cutoff = time.GetUtcNow() - (retention ?? options.RetentionPeriod);
        var total = 0;
        int count;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            count = await batch(cutoff, options.BatchSize, cancellationToken).ConfigureAwait(false);
            total += count;
        }
        while (count > 0);

        return total;
    }

    /// <summary>Deletes each expired address; its held messages go to the type's alternative protocol or become MissingContactInfo first, so a crash in between loses none.</summary>
    /// <summary>
    /// Messages still held although their address was verified or removed (the process stopped between saving the profile
    /// and handling its held messages): released, or resolved like an expired address's. Messages held for an
    /// address still awaiting verification stay held.
    /// </summary>
    private async Task<(int Released, HeldTally Resolved)> SweepHeldAsync(CancellationToken cancellationToken)
    {
        var batchSize = setup.Options.Nightly.BatchSize;
        var released = 0;
        var resolved = default(HeldTally);
        BorrowerId? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var borrowers = await messages.ListBorrowersWithHeldAsync(after, batchSize, cancellationToken).ConfigureAwait(false);
            foreach (var borrowerId in borrowers)
            {
                var profile = await profiles.GetAsync(borrowerId, cancellationToken).ConfigureAwait(false) ?? BorrowerProfile.Create(borrowerId);
                var byAddress = (await messages.ListHeldAsync(borrowerId, null, cancellationToken).ConfigureAwait(false))
                    .Where(m => m.Recipient is not null)
                    .GroupBy(m => m.Recipient!.Value, StringComparer.OrdinalIgnoreCase);
                foreach (var held in byAddress)
                {
                    var point = profile.ContactPoints.FirstOrDefault(p => p is { Kind: ContactKind.Email, Purpose: ContactPurpose.Notification }
                        && string.Equals(p.Email!.Value, held.Key, StringComparison.OrdinalIgnoreCase));
                    if (point is { VerifiedAt: not null })
                    {
                        released += await heldMessages.ReleaseAsync(held, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    }
                    else if (point is null)
                    {
                        resolved += await heldMessages.ResolveAsync(held, profile, HeldMessageResolver.RemovedReason, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            if (borrowers.Count < batchSize)
            {
                if (released > 0)
                {
                    ProfileLog.NightlyHeldReleased(_logger, released);
                }

                return (released, resolved);
            }

            after = borrowers[^1];
        }
    }

    private async Task<(int Deleted, HeldTally Held, int Skipped)> DeleteExpiredEmailsAsync(CancellationToken cancellationToken)
    {
        var batchSize = setup.Options.Nightly.BatchSize;
        var cutoff = time.GetUtcNow() - setup.Options.EmailVerificationWindow;

        // Each profile is handled once per run: one that keeps changing (or that a store keeps listing) cannot loop forever.
        // The set holds only this night's expired profiles' ids.
        var seen = new HashSet<BorrowerId>();
        var deleted = 0;
        var skipped = 0;
        var held = default(HeldTally);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await profiles.ListWithExpiredVerificationsAsync(cutoff, batchSize, cancellationToken).ConfigureAwait(false);
            var fresh = batch.Where(p => seen.Add(p.Id)).ToList();
            foreach (var profile in fresh)
            {
                var (deletedHere, heldHere, saved) = await ExpireAsync(profile, cancellationToken).ConfigureAwait(false);
                deleted += deletedHere;
                held += heldHere;
                if (!saved)
                {
                    skipped++;
                    ProfileLog.NightlyProfileSkipped(_logger);
                }
            }

            if (batch.Count < batchSize || fresh.Count == 0)
            {
                return (deleted, held, skipped);
            }
        }
    }

    private async Task<(int Deleted, HeldTally Held, bool Saved)> ExpireAsync(BorrowerProfile profile, CancellationToken cancellationToken)
    {
        var held = default(HeldTally);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var now = time.GetUtcNow();
            var expired = profile.ExpiredEmails(now, setup.Options.EmailVerificationWindow);
            if (expired.Count == 0)
            {
                return (0, held, true);
            }

            var without = expired.Aggregate(profile, (p, e) => p.RemoveContact(ContactKind.Email, e.Value));
            foreach (var email in expired)
            {
                held += await heldMessages.ResolveAsync(without, email.Email!, heldMessages.ExpiredReason, cancellationToken).ConfigureAwait(false);
            }

            if (await profiles.TrySaveAsync(without, cancellationToken).ConfigureAwait(false) is not null)
            {
                return (expired.Count, held, true);
            }

            ProfileLog.ProfileConflict(_logger, "NightlyJobs");
            var current = await profiles.GetAsync(profile.Id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return (0, held, true);
            }

            profile = current;
        }

        return (0, held, false);
    }
}
