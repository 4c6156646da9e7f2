using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Receipts;

/// <summary>
/// Applies delivery receipts through the message store. A receipt that finds no message is kept, then looked for once
/// more: the dispatcher may have recorded the message between the two looks, and whichever of the two sees the other's
/// write applies it (applying is idempotent, so both applying is harmless). Kept receipts are retried by
/// <see cref="ApplyKeptAsync"/> and forgotten by the nightly jobs.
/// </summary>
internal sealed class DeliveryReceipts(
    IMessageStore store,
    IOptions<CiceroNotificationsOptions> options,
    TimeProvider time,
    CiceroTelemetry telemetry,
    NotificationFallbacks fallbacks,
    ILogger<DeliveryReceipts>? logger = null) : IDeliveryReceipts
{
    /// <summary>How many kept receipts one <see cref="ApplyKeptAsync"/> call looks at.</summary>
    internal const int KeptBatchSize = 500;

    private const int MaxSaveAttempts = 3;

    private readonly ILogger _logger = logger ?? NullLogger<DeliveryReceipts>.Instance;

    public async Task<DeliveryReceiptResult> ApplyAsync(DeliveryReceipt receipt, CancellationToken cancellationToken = default)
        => (await ApplyManyAsync([receipt], cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<DeliveryReceiptResult>> ApplyManyAsync(IReadOnlyList<DeliveryReceipt> receipts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        for (var i = 0; i < receipts.Count; i++)
        {
            if (receipts[i] is null)
            {
                throw new ArgumentException($"Receipt {i} of the batch is null.", nameof(receipts));
            }
        }

        var receivedAt = time.GetUtcNow();
        var results = new DeliveryReceiptResult[receipts.Count];
        for (var i = 0; i < receipts.Count; i++)
        {
            results[i] = await ApplyOneAsync(receipts[i], receivedAt, kept: false, cancellationToken).ConfigureAwait(false);
            telemetry.Receipt(receipts[i].Protocol, receipts[i].Outcome, results[i]);
        }

        var kept = results.Count(r => r == DeliveryReceiptResult.Kept);
        var applied = results.Count(r => r == DeliveryReceiptResult.Applied);
        Log.ReceiptsApplied(_logger, results.Length, applied, results.Length - applied - kept, kept);
        if (kept > 0)
        {
            Log.ReceiptsUnmatched(_logger, kept, results.Length, options.Value.Receipts.UnmatchedRetention);
        }

        return results;
    }

    public async Task<int> ApplyKeptAsync(CancellationToken cancellationToken = default)
    {
        var waiting = await store.ListUnmatchedReceiptsAsync(KeptBatchSize, cancellationToken).ConfigureAwait(false);
        var found = 0;
        foreach (var unmatched in waiting)
        {
            var result = await ApplyOneAsync(unmatched.Receipt, unmatched.ReceivedAt, kept: true, cancellationToken).ConfigureAwait(false);
            if (result != DeliveryReceiptResult.Kept)
            {
                found++;
                telemetry.Receipt(unmatched.Receipt.Protocol, unmatched.Receipt.Outcome, result);
            }
        }

        if (found > 0)
        {
            Log.KeptReceiptsApplied(_logger, found);
        }

        return found;
    }

    private async Task<DeliveryReceiptResult> ApplyOneAsync(DeliveryReceipt receipt, DateTimeOffset receivedAt, bool kept, CancellationToken cancellationToken)
    {
        if (receipt.Outcome == DeliveryReceiptOutcome.FailedTransiently)
        {
            return DeliveryReceiptResult.Unchanged;
        }

        var lookedAgain = kept;
        for (var attempt = 0; attempt < MaxSaveAttempts; attempt++)
        {
            var message = await store.FindByProviderMessageIdAsync(receipt.Protocol, receipt.ProviderMessageId, cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                if (!kept)
                {
                    await store.KeepUnmatchedReceiptAsync(new UnmatchedReceipt(receipt, receivedAt), cancellationToken).ConfigureAwait(false);
                    kept = true;
                }

                if (lookedAgain)
                {
                    return DeliveryReceiptResult.Kept;
                }

                lookedAgain = true;
                attempt--; // The second look is not a save attempt.
                continue;
            }

            var changed = Apply(message, receipt, receivedAt);
            if (ReferenceEquals(changed, message))
            {
                await ForgetAsync(receipt, kept, cancellationToken).ConfigureAwait(false);
                return DeliveryReceiptResult.Unchanged;
            }

            var saved = await store.TryUpdateAsync(changed, cancellationToken).ConfigureAwait(false);
            if (saved is null)
            {
                continue; // Staff or another host changed the message: read it again.
            }

            if (saved.Status == MessageStatus.Failed && message.Status != MessageStatus.Failed)
            {
                Log.MessageFailed(_logger, saved.Id, saved.Type, saved.Protocol, MessageFailureKind.Undeliverable);
                telemetry.Failed(saved.Protocol, MessageFailureKind.Undeliverable);
                await fallbacks.AfterFailureAsync(saved, cancellationToken).ConfigureAwait(false);
            }

            await ForgetAsync(receipt, kept, cancellationToken).ConfigureAwait(false);
            return DeliveryReceiptResult.Applied;
        }

        // The message kept changing under us: keep the receipt, the next ApplyKeptAsync tries again. Never lost.
        if (!kept)
        {
            await store.KeepUnmatchedReceiptAsync(new UnmatchedReceipt(receipt, receivedAt), cancellationToken).ConfigureAwait(false);
        }

        return DeliveryReceiptResult.Kept;
    }

    private Task ForgetAsync(DeliveryReceipt receipt, bool kept, CancellationToken cancellationToken)
        => kept ? store.RemoveUnmatchedReceiptAsync(receipt, cancellationToken) : Task.CompletedTask;

    private static Message Apply(Message message, DeliveryReceipt receipt, DateTimeOffset receivedAt)
    {
        if (!message.AcceptsReceipts)
        {
            return message;
        }

        return receipt.Outcome switch
        {
            DeliveryReceiptOutcome.Delivered => message.ConfirmDelivery(receipt.ReportedAt),
            _ when message.IsAnonymized => message, // Only a confirmation is recorded on an anonymized message.
            _ => message.MarkUndeliverable(receivedAt, receipt.ReportedAt, receipt.Reason ?? UndeliverableReason),
        };
    }

    private const string UndeliverableReason = "The provider reported that the message could not be delivered.";
}
