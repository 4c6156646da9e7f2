namespace Cicero.Notifications;

/// <summary>What one run of <see cref="INightlyJobs.RunAsync"/> did.</summary>
/// <param name="MessagesAnonymized">Messages whose personal content was removed.</param>
/// <param name="EmailAddressesDeleted">Unverified e-mail addresses deleted because their verification window ran out.</param>
/// <param name="HeldMessagesRerouted">Messages held for those addresses (or for addresses already removed), moved to their type's alternative protocol.</param>
/// <param name="HeldMessagesMissingContactInfo">Messages held for those addresses (or for addresses already removed) that became MissingContactInfo.</param>
/// <param name="HeldMessagesFailed">Messages held for those addresses (or for addresses already removed) whose alternative protocol's template failed: Failed, in the message queue.</param>
/// <param name="ProfilesSkipped">Profiles that kept changing during the run; the next run handles them.</param>
/// <param name="IdempotencyKeysForgotten">Idempotency keys of notifications older than the retention period, forgotten.</param>
/// <param name="HeldMessagesReleased">
/// Messages still held although their address had been verified (the process stopped between the two steps), released.
/// </param>
/// <param name="UnmatchedReceiptsForgotten">
/// Delivery receipts that never matched a message within <see cref="DeliveryReceiptOptions.UnmatchedRetention"/>, forgotten.
/// </param>
/// <param name="FallbacksCreated">
/// Fallback messages created for notifications whose every message had failed but whose fallback a crash interrupted.
/// </param>
/// <param name="LetterRunsForgotten">Print runs of letters older than the retention period, forgotten (they can no longer be reprinted).</param>
public sealed record NightlyRunResult(
    int MessagesAnonymized,
    int EmailAddressesDeleted,
    int HeldMessagesRerouted,
    int HeldMessagesMissingContactInfo,
    int HeldMessagesFailed,
    int ProfilesSkipped,
    int IdempotencyKeysForgotten = 0,
    int HeldMessagesReleased = 0,
    int UnmatchedReceiptsForgotten = 0,
    int FallbacksCreated = 0,
    int LetterRunsForgotten = 0)
{
    /// <summary>Gets a value indicating whether the run changed nothing.</summary>
    public bool IsEmpty => this == new NightlyRunResult(0, 0, 0, 0, 0, 0);
}
