namespace Cicero.Notifications;

/// <summary>
/// Applies providers' delivery receipts to messages: a delivery confirmation is recorded (the status stays Sent); a
/// permanent failure makes a Sent message Failed (<see cref="Domain.MessageFailureKind.Undeliverable"/>) so it appears
/// in the message queue. Idempotent: the same receipt twice changes nothing, and an older receipt never overrides a
/// newer one.
/// </summary>
public interface IDeliveryReceipts
{
    /// <summary>Applies one receipt. Returns once the change (or the kept receipt) is stored.</summary>
    /// <param name="receipt">The receipt.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What the receipt did.</returns>
    Task<DeliveryReceiptResult> ApplyAsync(DeliveryReceipt receipt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a batch of receipts (one provider request), in order. Returns once every change is stored, so a webhook
    /// can answer 2xx; receipts that match no message are kept and counted in one log line for the batch.
    /// </summary>
    /// <param name="receipts">The receipts.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What each receipt did, in the same order.</returns>
    Task<IReadOnlyList<DeliveryReceiptResult>> ApplyManyAsync(IReadOnlyList<DeliveryReceipt> receipts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the kept receipts whose messages have since been recorded Sent. The hosted background service calls it
    /// after every dispatch run; a host that dispatches by itself calls it after <see cref="IMessageDispatcher.DispatchDueAsync"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The number of kept receipts that found their message.</returns>
    Task<int> ApplyKeptAsync(CancellationToken cancellationToken = default);
}
