using System.Collections.Immutable;

namespace Cicero.Notifications.Domain;

/// <summary>
/// Every field of a <see cref="Message"/>, for stores that persist messages and read them back with
/// <see cref="Message.Restore(MessageState)"/> (which checks the state is consistent).
/// </summary>
public sealed record MessageState
{
    /// <summary>Gets the id.</summary>
    public required MessageId Id { get; init; }

    /// <summary>Gets the borrower.</summary>
    public required BorrowerId BorrowerId { get; init; }

    /// <summary>Gets the notification type.</summary>
    public required NotificationType Type { get; init; }

    /// <summary>Gets the protocol.</summary>
    public required Protocol Protocol { get; init; }

    /// <summary>Gets the recipient, if any.</summary>
    public MessageRecipient? Recipient { get; init; }

    /// <summary>Gets the content, if any.</summary>
    public MessageContent? Content { get; init; }

    /// <summary>Gets the culture.</summary>
    public required string Culture { get; init; }

    /// <summary>Gets the status.</summary>
    public required MessageStatus Status { get; init; }

    /// <summary>Gets the creation time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the last change time.</summary>
    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>Gets the attempt count.</summary>
    public int AttemptCount { get; init; }

    /// <summary>Gets the next attempt time (Pending only).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Gets the last failure.</summary>
    public MessageFailure? LastFailure { get; init; }

    /// <summary>Gets whether the message is held for e-mail verification.</summary>
    public bool IsHeld { get; init; }

    /// <summary>Gets whether the message is anonymized.</summary>
    public bool IsAnonymized { get; init; }

    /// <summary>Gets whether the message was dismissed from the queue.</summary>
    public bool IsDismissed { get; init; }

    /// <summary>Gets whether staff handled the message by hand.</summary>
    public bool IsHandledManually { get; init; }

    /// <summary>Gets the provider's message id.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>Gets the notification's idempotency key.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Gets the notification the message belongs to: the id of the notification's first message, shared by every message
    /// it created and by its fallback messages; <see langword="null"/> for a message stored before the stores kept it.
    /// </summary>
    public MessageId? NotificationId { get; init; }

    /// <summary>Gets the notifications gathered into a digest message, oldest first; empty for a message that is not a digest.</summary>
    public ImmutableArray<DigestItem> DigestItems { get; init; } = [];

    /// <summary>Gets the code of the branch the notification concerns; <see langword="null"/> for none.</summary>
    public string? Branch { get; init; }

    /// <summary>Gets the history, oldest first.</summary>
    public ImmutableArray<MessageHistoryEntry> History { get; init; } = [];

    /// <summary>Gets the store's version.</summary>
    public long Version { get; init; }

    /// <summary>Returns the id, type, protocol and status only: the state holds personal data.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"MessageState {Id} ({Type}, {Protocol}, {Status})";
}
