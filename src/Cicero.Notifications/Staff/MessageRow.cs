using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>
/// One message as staff see it on the borrower's Messages tab or in the message queue: what it is, what became of it,
/// and which actions fit it now. Display names are in the culture the list was read in.
/// </summary>
/// <remarks>
/// A snapshot: reading it never changes the message. <see cref="Recipient"/> is personal data (CPR numbers are masked);
/// <see cref="ToString"/> leaves it out.
/// </remarks>
public sealed record MessageRow
{
    /// <summary>Gets the message's id.</summary>
    public required MessageId Id { get; init; }

    /// <summary>Gets the borrower the message is for.</summary>
    public required BorrowerId BorrowerId { get; init; }

    /// <summary>Gets the notification type.</summary>
    public required NotificationType Type { get; init; }

    /// <summary>Gets the type's display name, for example "Reservering klar til afhentning".</summary>
    public required string TypeName { get; init; }

    /// <summary>Gets the protocol the message goes (or went) out on.</summary>
    public required Protocol Protocol { get; init; }

    /// <summary>Gets the protocol's display name, for example "SMS" or a user-defined protocol's name.</summary>
    public required string ProtocolName { get; init; }

    /// <summary>Gets the status.</summary>
    public required MessageStatus Status { get; init; }

    /// <summary>Gets the status's display name, for example "Fejlet" or "Failed".</summary>
    public required string StatusName { get; init; }

    /// <summary>Gets the recipient for display (CPR numbers masked as <c>DDMMYY-xxxx</c>); <see langword="null"/> when there is none or the message is anonymized.</summary>
    public string? Recipient { get; init; }

    /// <summary>Gets when the message was created: the original send time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the status last changed, staff last acted on the message, or it was anonymized.</summary>
    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>
    /// Gets when a Pending message is due ("sendes tidligst …"): later than now while it waits for quiet hours to end, a
    /// retry, or a paused channel; <see langword="null"/> unless Pending.
    /// </summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>
    /// Gets when the provider reported the message delivered to the borrower (a delivery receipt), or null when no
    /// receipt confirmed it. Shown next to <see cref="ChangedAt"/>, which a confirmation does not change.
    /// </summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>
    /// Gets the store's version of the message when the row was read, for optimistic concurrency: pass it as the
    /// expected version of a message queue action (an HTTP API sends it as the <c>ETag</c>).
    /// </summary>
    public long Version { get; init; }

    /// <summary>Gets the code of the branch the notification concerns; <see langword="null"/> for none.</summary>
    public string? Branch { get; init; }

    /// <summary>Gets the branch's display name in the requested culture (its code when it has none or is no longer set up); <see langword="null"/> for none.</summary>
    public string? BranchName { get; init; }

    /// <summary>Gets the number of notifications gathered into this message when it is a digest (see the type's digest window); 0 otherwise.</summary>
    public int DigestItemCount { get; init; }

    /// <summary>Gets the number of delivery attempts since the message was created or last retried by staff.</summary>
    public int AttemptCount { get; init; }

    /// <summary>Gets the kind of the last failure, if any.</summary>
    public MessageFailureKind? FailureKind { get; init; }

    /// <summary>Gets the display name of the last failure's kind, for example "Afvist"; <see langword="null"/> when the message never failed.</summary>
    public string? FailureName { get; init; }

    /// <summary>Gets the last failure's reason in words (never personal data), if any.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Gets a value indicating whether staff handled the message by hand (status Sent).</summary>
    public bool IsHandledManually { get; init; }

    /// <summary>Gets a value indicating whether staff removed the (Failed) message from the message queue.</summary>
    public bool IsDismissed { get; init; }

    /// <summary>
    /// Gets a value indicating whether a fallback message on another protocol took over from this Failed message (the
    /// type's fallback list): it left the message queue without staff; its history names the message that took over.
    /// </summary>
    public bool IsReplacedByFallback { get; init; }

    /// <summary>Gets a value indicating whether the personal content has been removed.</summary>
    public bool IsAnonymized { get; init; }

    /// <summary>
    /// Gets a value indicating whether the message is a letter of a collected protocol that waits (Pending) for the next
    /// print run (<see cref="ILetterRuns"/>).
    /// </summary>
    public bool WaitsForLetterRun { get; init; }

    /// <summary>Gets a value indicating whether the message is held until its e-mail address is verified.</summary>
    public bool IsHeld { get; init; }

    /// <summary>Gets the staff actions that fit the message's state now (see <see cref="IMessageQueue"/>).</summary>
    /// <remarks>An action listed here can still be refused when it runs, for example when the borrower has no address for the protocol.</remarks>
    public MessageActions AvailableActions { get; init; }

    /// <summary>Gets the message's history, oldest first: what happened, when, who and why.</summary>
    public IReadOnlyList<MessageHistoryEntry> History { get; init; } = [];

    /// <summary>Returns a description without personal data: id, type, protocol and status.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"MessageRow {Id} ({Type}, {Protocol}, {Status})";
}
