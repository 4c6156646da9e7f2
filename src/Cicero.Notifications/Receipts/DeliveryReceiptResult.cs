namespace Cicero.Notifications;

/// <summary>What applying one delivery receipt did.</summary>
public enum DeliveryReceiptResult
{
    /// <summary>The message changed: its delivery was confirmed, or it became Failed (undeliverable).</summary>
    Applied = 0,

    /// <summary>
    /// Nothing changed: the same receipt was applied before, an older receipt came after a newer one, the outcome was
    /// transient, or the message no longer takes receipts (retried, handled by hand).
    /// </summary>
    Unchanged = 1,

    /// <summary>
    /// No message has that provider id yet: fast gateways report before the dispatcher has recorded the message Sent. The
    /// receipt is kept and applied once the message is recorded (<see cref="IDeliveryReceipts.ApplyKeptAsync"/>); the
    /// nightly jobs forget one that never matches (<see cref="DeliveryReceiptOptions.UnmatchedRetention"/>).
    /// </summary>
    Kept = 2,
}
