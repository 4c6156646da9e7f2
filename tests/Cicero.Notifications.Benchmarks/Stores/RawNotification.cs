namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>One notification of a bulk notify on the bare-driver side: the borrower whose profile is read, the idempotency key, and the rows to insert when the key is new.</summary>
internal sealed record RawNotification(string BorrowerId, string IdempotencyKey, IReadOnlyList<RawMessage> Messages);
