namespace Cicero.Notifications.Storage;

/// <summary>A delivery receipt kept because no message had its provider id when it arrived.</summary>
/// <param name="Receipt">The receipt.</param>
/// <param name="ReceivedAt">When it arrived: the Failed message's <c>ChangedAt</c> when it is applied later.</param>
public sealed record UnmatchedReceipt(DeliveryReceipt Receipt, DateTimeOffset ReceivedAt);
