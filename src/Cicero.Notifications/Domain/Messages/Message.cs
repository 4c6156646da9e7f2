using System.Collections.Immutable;

namespace Cicero.Notifications.Domain;

/// <summary>
/// One notification delivered on one protocol to one address (Danish: <em>besked</em>), possibly after several
/// attempts, with what became of it.
/// </summary>
/// <remarks>
/// <para>
/// Immutable: every change returns a new <see cref="Message"/> with the change recorded in <see cref="History"/>.
/// Every status change is explicit and checked; an illegal one throws <see cref="InvalidOperationException"/>
/// naming the message, the current status and the wanted one.
/// </para>
/// <para>
/// <see cref="ChangedAt"/> moves when, and only when, the status changes, staff act on the message, or it is
/// anonymized. Reading, listing and printing never touch it; neither do automatic events that keep the status
/// (a retry being scheduled, a held message being released).
/// </para>
/// <para>Thread-safe (immutable). <see cref="ToString"/> never includes personal data.</para>
/// </remarks>
public sealed record Message
{
    private Message()
    {
    }

    /// <summary>Gets the message's id, also the idempotency key handed to channels.</summary>
    public MessageId Id { get; private init; }

    /// <summary>Gets the borrower the message is for.</summary>
    public BorrowerId BorrowerId { get; private init; } = null!;

    /// <summary>Gets the kind of notice.</summary>
    public NotificationType Type { get; private init; } = null!;

    /// <summary>Gets the protocol the message goes out on.</summary>
    public Protocol Protocol { get; private init; } = null!;

    /// <summary>Gets the address the message goes to; <see langword="null"/> when there is none (missing contact info, a protocol that needs no address) or after anonymization.</summary>
    public MessageRecipient? Recipient { get; private init; }

    /// <summary>Gets the rendered content; <see langword="null"/> when none was rendered or after anonymization.</summary>
    public MessageContent? Content { get; private init; }

    /// <summary>Gets the culture the message was rendered in, for example <c>da-DK</c>.</summary>
    public string Culture { get; private init; } = null!;

    /// <summary>Gets the status.</summary>
    public MessageStatus Status { get; private init; }

    /// <summary>Gets when the message was created: the original send time (in UTC).</summary>
    public DateTimeOffset CreatedAt { get; private init => field = value.ToUniversalTime(); }

    /// <summary>Gets when the status last changed, staff last acted on the message, or it was anonymized (in UTC).</summary>
    public DateTimeOffset ChangedAt { get; private init => field = value.ToUniversalTime(); }

    /// <summary>Gets the number of delivery attempts since the message was created or last retried by staff.</summary>
    public int AttemptCount { get; private init; }

    /// <summary>Gets when the message is due for its next delivery attempt (in UTC); <see langword="null"/> unless Pending.</summary>
    public DateTimeOffset? NextAttemptAt { get; private init => field = value?.ToUniversalTime(); }

    /// <summary>Gets the last failure, if any.</summary>
    public MessageFailure? LastFailure { get; private init; }

    /// <summary>Gets a value indicating whether the message is held until its e-mail address is verified.</summary>
    public bool IsHeld { get; private init; }

    /// <summary>Gets a value indicating whether the personal content has been removed.</summary>
    public bool IsAnonymized { get; private init; }

    /// <summary>Gets a value indicating whether staff removed the (Failed) message from the message queue.</summary>
    public bool IsDismissed { get; private init; }

    /// <summary>Gets a value indicating whether staff handled the message by hand (status Sent).</summary>
    public bool IsHandledManually { get; private init; }

    /// <summary>Gets the provider's id for the delivered message, when the channel reported one.</summary>
    public string? ProviderMessageId { get; private init; }

    /// <summary>Gets the host's idempotency key of the notification that created the message, if any.</summary>
    public string? IdempotencyKey { get; private init; }

    /// <summary>
    /// Gets the notification the message belongs to: the id of the notification's first message, shared by every message
    /// the notification created and by its fallback messages. <see langword="null"/> only for a message a store kept
    /// before it stored this (such a message never falls back).
    /// </summary>
    public MessageId? NotificationId { get; private init; }

    /// <summary>
    /// Gets the notifications gathered into this message when its type has a digest window, oldest first (their data is
    /// the <c>items</c> list of the template data); empty for a message that is not a digest.
    /// </summary>
    public ImmutableArray<DigestItem> DigestItems { get; private init; } = [];

    /// <summary>Gets the code of the branch the notification concerns (<see cref="Notification.Branch"/>); <see langword="null"/> for none.</summary>
    public string? Branch { get; private init; }

    /// <summary>Gets whether the message is a digest (<see cref="DigestItems"/> holds at least one notification).</summary>
    public bool IsDigest => !DigestItems.IsDefaultOrEmpty;

    /// <summary>Gets the message's history, oldest first.</summary>
    public ImmutableArray<MessageHistoryEntry> History { get; private init; } = [];

    /// <summary>
    /// Gets the store's version of the message, for optimistic concurrency: 1 for a new message (the version a store
    /// gives it when it adds it); a store adds one with every change it stores.
    /// </summary>
    public long Version { get; private init; } = 1;

    /// <summary>Gets a value indicating whether staff must look at the message: Failed and not dismissed.</summary>
    public bool NeedsStaff => Status == MessageStatus.Failed && !IsDismissed;

    /// <summary>
    /// Gets when the provider reported the message delivered (the provider's time in the delivery receipt), or
    /// <see langword="null"/> when no receipt confirmed it. Kept in the history (<see cref="MessageEvent.DeliveryConfirmed"/>).
    /// </summary>
    public DateTimeOffset? DeliveredAt
    {
        get
        {
            // "i > 0" is an equivalent mutant: the first entry is always Created.
            for (var i = History.Length - 1; i >= 0; i--)
            {
                if (History[i].Event == MessageEvent.DeliveryConfirmed)
                {
                    return History[i].At;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Gets a value indicating whether the host withdrew the notification before the message was sent
    /// (<see cref="Cancel"/>): Failed with <see cref="MessageFailureKind.Cancelled"/>, dismissed, never sent again.
    /// </summary>
    public bool IsCancelled => Status == MessageStatus.Failed && LastFailure?.Kind == MessageFailureKind.Cancelled;

    /// <summary>
    /// Gets a value indicating whether a delivery receipt can still change the message: it is <see cref="MessageStatus.Sent"/>
    /// by a channel (not handled by hand). Receipts for any other message change nothing.
    /// </summary>
    public bool AcceptsReceipts => Status == MessageStatus.Sent && !IsHandledManually;

    /// <summary>
    /// Gets a value indicating whether a fallback message took over from this Failed message
    /// (<see cref="MessageEvent.ReplacedByFallback"/>, and no staff action since): it is out of the message queue.
    /// </summary>
    public bool IsReplacedByFallback
    {
        get
        {
            if (Status != MessageStatus.Failed || !IsDismissed)
            {
                return false;
            }

            for (var i = History.Length - 1; i >= 0; i--)
            {
                if (History[i].Event != MessageEvent.Anonymized)
                {
                    return History[i].Event == MessageEvent.ReplacedByFallback;
                }
            }

            return false;
        }
    }

    /// <summary>Creates a Pending message, due at once (or at <paramref name="notBefore"/>).</summary>
    /// <param name="id">The new message's id.</param>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="type">The notification type.</param>
    /// <param name="protocol">The protocol.</param>
    /// <param name="recipient">The address; <see langword="null"/> only for a protocol that needs none.</param>
    /// <param name="content">The rendered content.</param>
    /// <param name="culture">The culture the content was rendered in.</param>
    /// <param name="createdAt">The creation time.</param>
    /// <param name="held">Whether the message waits for its e-mail address to be verified.</param>
    /// <param name="notBefore">The earliest time to send; <see langword="null"/> for at once.</param>
    /// <param name="idempotencyKey">The notification's idempotency key, if any.</param>
    /// <param name="notificationId">The notification's first message, when this is not it; <see langword="null"/> for <paramref name="id"/>.</param>
    /// <param name="branch">The code of the branch the notification concerns, if any.</param>
    /// <returns>The message.</returns>
    public static Message CreatePending(
        MessageId id,
        BorrowerId borrowerId,
        NotificationType type,
        Protocol protocol,
        MessageRecipient? recipient,
        MessageContent content,
        string culture,
        DateTimeOffset createdAt,
        bool held = false,
        DateTimeOffset? notBefore = null,
        string? idempotencyKey = null,
        MessageId? notificationId = null,
        string? branch = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (held && recipient?.Kind != RecipientKind.Email)
        {
            throw new ArgumentException("Only a message to an e-mail address can be held for verification.", nameof(held));
        }

        var due = notBefore is { } nb && nb > createdAt ? nb : createdAt; // ">=" is an equivalent mutant: equal instants.
        return Created(id, borrowerId, type, protocol, culture, createdAt, idempotencyKey, MessageStatus.Pending, held ? "Held until the e-mail address is verified." : null) with
        {
            NotificationId = notificationId ?? id,
            Recipient = recipient,
            Content = content,
            IsHeld = held,
            NextAttemptAt = due,
            Branch = branch,
        };
    }

    /// <summary>Creates a message with status MissingContactInfo: the borrower has none of the type's protocols and the type has no alternative.</summary>
    /// <param name="id">The new message's id.</param>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="type">The notification type.</param>
    /// <param name="protocol">The type's first protocol, shown on the borrower's list.</param>
    /// <param name="content">The content rendered for that protocol, so staff can print it; may be <see langword="null"/>.</param>
    /// <param name="culture">The culture.</param>
    /// <param name="createdAt">The creation time.</param>
    /// <param name="idempotencyKey">The notification's idempotency key, if any.</param>
    /// <param name="branch">The code of the branch the notification concerns, if any.</param>
    /// <returns>The message.</returns>
    public static Message CreateMissingContactInfo(
        MessageId id,
        BorrowerId borrowerId,
        NotificationType type,
        Protocol protocol,
        MessageContent? content,
        string culture,
        DateTimeOffset createdAt,
        string? idempotencyKey = null,
        string? branch = null)
    {
        return Created(id, borrowerId, type, protocol, culture, createdAt, idempotencyKey, MessageStatus.MissingContactInfo, "The borrower has no address for any of the type's protocols.") with
        {
            NotificationId = id,
            Content = content,
            Branch = branch,
        };
    }

    /// <summary>Recreates a message from a store's state, checking that the state is consistent.</summary>
    /// <param name="state">The stored state.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException">The state is inconsistent (the message names the field).</exception>
    public static Message Restore(MessageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Check(state.Id != default, "Id is empty");
        Check(!string.IsNullOrWhiteSpace(state.Culture), "Culture is empty");
        Check(!state.IsAnonymized || (state.Recipient is null && state.Content is null), "an anonymized message still has a recipient or content");
        Check(!state.IsHeld || (state.Status == MessageStatus.Pending && state.Recipient?.Kind == RecipientKind.Email), "a held message must be Pending to an e-mail address");
        Check(!state.IsDismissed || state.Status == MessageStatus.Failed, "only a Failed message can be dismissed");
        Check(state.Status != MessageStatus.Pending || state.NextAttemptAt is not null, "a Pending message needs NextAttemptAt");
        Check(state.ChangedAt >= state.CreatedAt, "ChangedAt is before CreatedAt");
        Check(state.AttemptCount >= 0, "AttemptCount is negative");

        return new Message
        {
            Id = state.Id,
            BorrowerId = state.BorrowerId,
            Type = state.Type,
            Culture = state.Culture,
            CreatedAt = state.CreatedAt,
            IdempotencyKey = state.IdempotencyKey,
            Protocol = state.Protocol,
            Recipient = state.Recipient,
            Content = state.Content,
            Status = state.Status,
            ChangedAt = state.ChangedAt,
            AttemptCount = state.AttemptCount,
            NextAttemptAt = state.Status == MessageStatus.Pending ? state.NextAttemptAt : null,
            LastFailure = state.LastFailure,
            IsHeld = state.IsHeld,
            IsAnonymized = state.IsAnonymized,
            IsDismissed = state.IsDismissed,
            IsHandledManually = state.IsHandledManually,
            ProviderMessageId = state.ProviderMessageId,
            History = state.History.IsDefault ? [] : state.History,
            Version = state.Version,
            NotificationId = state.NotificationId,
            DigestItems = state.DigestItems.IsDefault ? [] : state.DigestItems,
            Branch = state.Branch,
        };

        static void Check(bool ok, string problem)
        {
            if (!ok)
            {
                throw new ArgumentException($"Cannot restore the message: {problem}.", nameof(state));
            }
        }
    }

    /// <summary>Returns the message's state, for stores.</summary>
    /// <returns>The state.</returns>
    public MessageState ToState() => new()
    {
        Id = Id,
        BorrowerId = BorrowerId,
        Type = Type,
        Protocol = Protocol,
        Recipient = Recipient,
        Content = Content,
        Culture = Culture,
        Status = Status,
        CreatedAt = CreatedAt,
        ChangedAt = ChangedAt,
        AttemptCount = AttemptCount,
        NextAttemptAt = NextAttemptAt,
        LastFailure = LastFailure,
        IsHeld = IsHeld,
        IsAnonymized = IsAnonymized,
        IsDismissed = IsDismissed,
        IsHandledManually = IsHandledManually,
        ProviderMessageId = ProviderMessageId,
        IdempotencyKey = IdempotencyKey,
        History = History,
        Version = Version,
        NotificationId = NotificationId,
        DigestItems = DigestItems,
        Branch = Branch,
    };

    /// <summary>Returns the same message with the store's new version. For stores only.</summary>
    /// <param name="version">The version the store assigned.</param>
    /// <returns>The message; this instance when it already has that version.</returns>
    public Message WithVersion(long version) => version == Version ? this : this with { Version = version };

    /// <summary>Returns the message with the notification id a store kept for it, when it carries none (the store keeps the first one).</summary>
    /// <param name="stored">The stored notification id.</param>
    /// <returns>The message; this instance when nothing changes.</returns>
    internal Message WithStoredNotificationId(MessageId? stored) => NotificationId is null && stored is not null ? this with { NotificationId = stored } : this;

    /// <summary>
    /// Returns the message with other stored content, for removing a secret from a message that will not be sent again
    /// (the verification token). Neither the status, <see cref="ChangedAt"/> nor the history change.
    /// </summary>
    /// <param name="content">The content to store.</param>
    /// <returns>The message.</returns>
    internal Message WithStoredContent(MessageContent content) => this with { Content = content };

    /// <summary>The channel accepted the message: Pending → Sent. The last failure is cleared (it stays in the history).</summary>
    /// <param name="at">When.</param>
    /// <param name="providerMessageId">The provider's id, if reported.</param>
    /// <returns>The changed message.</returns>
    public Message MarkDelivered(DateTimeOffset at, string? providerMessageId = null)
    {
        RequireSendable(MessageStatus.Sent);
        return this with
        {
            Status = MessageStatus.Sent,
            ChangedAt = Stamp(MessageStatus.Sent, at, true),
            History = Append(MessageEvent.Delivered, MessageStatus.Sent, at, MessageHistoryEntry.SystemActor, null),
            AttemptCount = AttemptCount + 1,
            ProviderMessageId = providerMessageId,
            LastFailure = null,
            NextAttemptAt = null,
        };
    }

    /// <summary>
    /// Records the provider's confirmation that the message reached the borrower. The status and
    /// <see cref="ChangedAt"/> stay as they are; the history gets a <see cref="MessageEvent.DeliveryConfirmed"/> entry at
    /// the provider's time. Returns this message unchanged when it does not accept receipts or is already confirmed (the
    /// same receipt twice changes nothing). An anonymized message records the confirmation too.
    /// </summary>
    /// <param name="deliveredAt">When the provider says the message was delivered.</param>
    /// <returns>The confirmed message, or this message when nothing changes.</returns>
    public Message ConfirmDelivery(DateTimeOffset deliveredAt)
    {
        if (!AcceptsReceipts || DeliveredAt is not null)
        {
            return this;
        }

        return this with
        {
            History = Append(MessageEvent.DeliveryConfirmed, MessageStatus.Sent, deliveredAt.ToUniversalTime(), MessageHistoryEntry.SystemActor, null),
        };
    }

    /// <summary>
    /// Records the provider's report that a <see cref="MessageStatus.Sent"/> message could not be delivered: the one
    /// transition from Sent. The message becomes <see cref="MessageStatus.Failed"/> with
    /// <see cref="MessageFailureKind.Undeliverable"/> and appears in the message queue; <see cref="ChangedAt"/> is the
    /// receipt's arrival. A report older than the delivery confirmation already recorded changes nothing (an older
    /// receipt never overrides a newer one); a later one (an e-mail bounce after the receiving server's acceptance) wins.
    /// </summary>
    /// <param name="at">When the receipt arrived.</param>
    /// <param name="reportedAt">The provider's time of the failure.</param>
    /// <param name="reason">The provider's reason.</param>
    /// <returns>The failed message, or this message when the report is older than the confirmation.</returns>
    /// <exception cref="InvalidOperationException">The message is not Sent by a channel, or is anonymized.</exception>
    public Message MarkUndeliverable(DateTimeOffset at, DateTimeOffset reportedAt, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        RequireNotAnonymized(MessageStatus.Failed);
        Require(AcceptsReceipts, MessageStatus.Failed, "only a Sent message can be reported undeliverable");
        if (DeliveredAt is { } confirmed && reportedAt <= confirmed)
        {
            return this;
        }

        return this with
        {
            Status = MessageStatus.Failed,
            ChangedAt = Stamp(MessageStatus.Failed, at, true),
            History = Append(MessageEvent.Failed, MessageStatus.Failed, at, MessageHistoryEntry.SystemActor, reason),
            LastFailure = new MessageFailure(MessageFailureKind.Undeliverable, reason),
        };
    }

    /// <summary>
    /// The host withdrew the notification: a message not sent (Pending, held or not; MissingContactInfo; Failed) becomes
    /// Failed with <see cref="MessageFailureKind.Cancelled"/> and the host's reason, dismissed so it is not in the message
    /// queue, and staff can no longer send it. A message already cancelled is returned unchanged.
    /// </summary>
    /// <param name="at">When it was cancelled.</param>
    /// <param name="reason">The host's reason, shown on the borrower's list.</param>
    /// <returns>The cancelled message, or this message when it was already cancelled.</returns>
    /// <exception cref="InvalidOperationException">The message was sent (or handled by hand), or is anonymized.</exception>
    public Message Cancel(DateTimeOffset at, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (IsCancelled)
        {
            return this;
        }

        RequireNotAnonymized(MessageStatus.Failed);
        Require(Status != MessageStatus.Sent, MessageStatus.Failed, "a Sent message cannot be cancelled");
        return this with
        {
            Status = MessageStatus.Failed,
            ChangedAt = Stamp(MessageStatus.Failed, at, true),
            History = Append(MessageEvent.Cancelled, MessageStatus.Failed, at, MessageHistoryEntry.SystemActor, reason),
            LastFailure = new MessageFailure(MessageFailureKind.Cancelled, reason),
            NextAttemptAt = null,
            IsHeld = false,
            IsDismissed = true,
        };
    }

    /// <summary>
    /// A fallback message took over this Failed message (every message of the notification failed): it stays Failed,
    /// leaves the message queue (dismissed), and its history names the message that took over and why.
    /// </summary>
    /// <param name="at">When.</param>
    /// <param name="fallback">The new message's id.</param>
    /// <param name="protocol">The new message's protocol.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="InvalidOperationException">The message is not Failed in the message queue, or is anonymized.</exception>
    public Message ReplaceByFallback(DateTimeOffset at, MessageId fallback, Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        RequireNotAnonymized(MessageStatus.Failed);
        Require(NeedsStaff, MessageStatus.Failed, "only a Failed message in the message queue can be replaced by a fallback");
        var why = LastFailure is { } failure ? $" after it failed ({failure.Kind})" : "";
        return this with
        {
            ChangedAt = Stamp(MessageStatus.Failed, at, true),
            History = Append(MessageEvent.ReplacedByFallback, MessageStatus.Failed, at, MessageHistoryEntry.SystemActor, $"Message {fallback} on {protocol.Name} took over{why}."),
            IsDismissed = true,
        };
    }

    /// <summary>
    /// Creates the fallback message of a notification whose every message failed: Pending on <paramref name="protocol"/>,
    /// due at once, with the notification's borrower, type, culture, idempotency key, notification id and branch; its history
    /// names the messages it replaces.
    /// </summary>
    /// <param name="id">The new message's id.</param>
    /// <param name="replaced">The failed messages of the notification it takes over (at least one).</param>
    /// <param name="protocol">The fallback protocol.</param>
    /// <param name="recipient">The address; <see langword="null"/> for a protocol that needs none.</param>
    /// <param name="content">The content rendered for the protocol from the notification's stored data.</param>
    /// <param name="createdAt">The creation time.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException">No message is replaced, or they belong to different notifications.</exception>
    public static Message CreateFallback(MessageId id, IReadOnlyList<Message> replaced, Protocol protocol, MessageRecipient? recipient, MessageContent content, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(replaced);
        ArgumentNullException.ThrowIfNull(content);
        if (replaced.Count == 0 || replaced[0].NotificationId is not { } notification || replaced.Any(m => m.NotificationId != notification))
        {
            throw new ArgumentException("A fallback replaces one or more messages of one notification.", nameof(replaced));
        }

        var first = replaced[0];
        var reason = $"Fallback after {string.Join(", ", replaced.Select(m => $"{m.Id} on {m.Protocol.Name}"))} failed.";
        return Created(id, first.BorrowerId, first.Type, protocol, first.Culture, createdAt, first.IdempotencyKey, MessageStatus.Pending, reason) with
        {
            NotificationId = notification,
            Recipient = recipient,
            Content = content,
            NextAttemptAt = createdAt,
            DigestItems = first.DigestItems,
            Branch = first.Branch,
        };
    }

    /// <summary>
    /// Makes a new Pending message the first of a digest: it gathers the notification it was created for, and later
    /// notifications of the same type for the borrower join it (<see cref="AddToDigest"/>) while it is open.
    /// </summary>
    /// <returns>The digest message.</returns>
    /// <exception cref="InvalidOperationException">The message is not a new Pending message, or is a digest already.</exception>
    public Message StartDigest()
    {
        RequireNotAnonymized(MessageStatus.Pending);
        Require(Status == MessageStatus.Pending && !IsDigest && AttemptCount == 0 && History.Length == 1, MessageStatus.Pending, "only a new Pending message can start a digest");
        return this with { DigestItems = [new DigestItem(IdempotencyKey, CreatedAt)] };
    }

    /// <summary>
    /// Whether another notification can still join this digest message at <paramref name="now"/>: it is Pending, never
    /// attempted, not anonymized, and was created less than <paramref name="window"/> ago.
    /// </summary>
    /// <param name="now">Now.</param>
    /// <param name="window">The type's digest window.</param>
    /// <returns><see langword="true"/> when it is open.</returns>
    public bool IsOpenDigest(DateTimeOffset now, TimeSpan window)
        => IsDigest && Status == MessageStatus.Pending && AttemptCount == 0 && !IsAnonymized && now < CreatedAt + window;

    /// <summary>
    /// Another notification of the same type for the borrower joins this open digest message: it stays Pending and due at
    /// the same time, its content is <paramref name="content"/> (rendered from every item), and the history records it.
    /// </summary>
    /// <param name="at">When the notification arrived.</param>
    /// <param name="idempotencyKey">The notification's idempotency key, if any.</param>
    /// <param name="content">The content rendered from the items, this one last.</param>
    /// <returns>The changed message (<see cref="ChangedAt"/> does not move: the status is unchanged).</returns>
    /// <exception cref="InvalidOperationException">The message is not a digest that is still Pending and never attempted.</exception>
    public Message AddToDigest(DateTimeOffset at, string? idempotencyKey, MessageContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        RequireDigest();
        return this with
        {
            Content = content,
            DigestItems = DigestItems.Add(new DigestItem(idempotencyKey, at)),
            History = Append(MessageEvent.AddedToDigest, MessageStatus.Pending, at, MessageHistoryEntry.SystemActor, $"Notification {DigestItems.Length + 1} of the digest arrived."),
        };
    }

    /// <summary>
    /// The host cancelled one notification of this digest message, which holds others and has not been sent: its item
    /// goes, the content is <paramref name="content"/> (rendered from the items left), the status stays, and the history
    /// records why. A digest's last notification is cancelled with <see cref="Cancel"/> instead.
    /// </summary>
    /// <param name="at">When.</param>
    /// <param name="index">The item's index in <see cref="DigestItems"/>.</param>
    /// <param name="content">The content rendered from the items left.</param>
    /// <param name="reason">The host's reason.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="InvalidOperationException">The message is not an unsent digest of more than one notification, or is anonymized.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not an item's index.</exception>
    public Message RemoveFromDigest(DateTimeOffset at, int index, MessageContent content, string reason)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        RequireNotAnonymized(Status);
        Require(IsDigest && Status != MessageStatus.Sent, Status, "only a digest that has not been sent can lose a notification");
        Require(DigestItems.Length > 1, Status, "the digest's last notification is cancelled with the message");
        return this with
        {
            Content = content,
            DigestItems = DigestItems.RemoveAt(index), // Throws ArgumentOutOfRangeException (index) for an index that is not an item's.
            History = Append(MessageEvent.RemovedFromDigest, Status, at, MessageHistoryEntry.SystemActor, $"Notification {index + 1} of the digest was cancelled: {reason}"),
        };
    }

    /// <summary>
    /// Staff collected this letter of a collected protocol in a print run: Pending → Sent at <paramref name="at"/>, with
    /// the run named in the history.
    /// </summary>
    /// <param name="at">When the run was made.</param>
    /// <param name="runId">The print run.</param>
    /// <param name="actor">The staff id of who made the run, recorded in the history.</param>
    /// <returns>The collected message.</returns>
    /// <exception cref="InvalidOperationException">The message is not Pending, is held, or is anonymized.</exception>
    public Message MarkCollected(DateTimeOffset at, Guid runId, string actor)
    {
        RequireSendable(MessageStatus.Sent);
        return this with
        {
            Status = MessageStatus.Sent,
            ChangedAt = Stamp(MessageStatus.Sent, at, true),
            History = Append(MessageEvent.Collected, MessageStatus.Sent, at, actor, $"Printed in letter run {runId}."),
            NextAttemptAt = null,
            LastFailure = null,
        };
    }

    /// <summary>
    /// The message is due inside its protocol's quiet hours: it stays Pending and is due again at
    /// <paramref name="until"/>, without an attempt, a failure or a change of <see cref="ChangedAt"/>.
    /// </summary>
    /// <param name="at">Now.</param>
    /// <param name="until">When the quiet hours end.</param>
    /// <param name="reason">Why it waits, for the history.</param>
    /// <returns>The deferred message.</returns>
    public Message Defer(DateTimeOffset at, DateTimeOffset until, string reason)
    {
        RequireSendable(MessageStatus.Pending);
        return this with
        {
            History = Append(MessageEvent.Deferred, MessageStatus.Pending, at, MessageHistoryEntry.SystemActor, reason),
            NextAttemptAt = until,
        };
    }

    /// <summary>A delivery attempt failed transiently: the message stays Pending and is due again at <paramref name="nextAttemptAt"/>.</summary>
    /// <param name="at">When the attempt failed.</param>
    /// <param name="reason">Why, without personal data.</param>
    /// <param name="nextAttemptAt">When to try again.</param>
    /// <returns>The changed message (<see cref="ChangedAt"/> does not move: the status is unchanged).</returns>
    public Message ScheduleRetry(DateTimeOffset at, string reason, DateTimeOffset nextAttemptAt)
    {
        RequireSendable(MessageStatus.Pending);
        return this with
        {
            Status = MessageStatus.Pending,
            ChangedAt = Stamp(MessageStatus.Pending, at, false),
            History = Append(MessageEvent.RetryScheduled, MessageStatus.Pending, at, MessageHistoryEntry.SystemActor, reason),
            AttemptCount = AttemptCount + 1,
            NextAttemptAt = nextAttemptAt,
            LastFailure = new MessageFailure(MessageFailureKind.Transient, reason),
        };
    }

    /// <summary>
    /// The message's channel could not send anything (it reported itself unavailable, or its protocol was paused after
    /// failures in a row): the message stays Pending, is due again at <paramref name="nextAttemptAt"/>, and the attempt
    /// does not count in <see cref="AttemptCount"/> — the fault was the channel's, not the message's.
    /// </summary>
    /// <param name="at">When the channel failed.</param>
    /// <param name="reason">The channel's reason, without personal data.</param>
    /// <param name="nextAttemptAt">When the message is due again (its protocol's pause decides when it is sent).</param>
    /// <returns>The changed message (<see cref="ChangedAt"/> does not move: the status is unchanged).</returns>
    public Message Postpone(DateTimeOffset at, string reason, DateTimeOffset nextAttemptAt)
    {
        RequireSendable(MessageStatus.Pending);
        return this with
        {
            History = Append(MessageEvent.RetryScheduled, MessageStatus.Pending, at, MessageHistoryEntry.SystemActor, reason),
            NextAttemptAt = nextAttemptAt,
            LastFailure = new MessageFailure(MessageFailureKind.Transient, reason),
        };
    }

    /// <summary>A delivery attempt failed and the message will not be retried automatically: Pending → Failed.</summary>
    /// <param name="at">When.</param>
    /// <param name="failure">The failure.</param>
    /// <param name="attempted">Whether a delivery attempt was made (it counts in <see cref="AttemptCount"/>).</param>
    /// <returns>The changed message; it appears in the message queue.</returns>
    public Message MarkFailed(DateTimeOffset at, MessageFailure failure, bool attempted = true)
    {
        ArgumentNullException.ThrowIfNull(failure);
        RequireNotAnonymized(MessageStatus.Failed);
        Require(Status == MessageStatus.Pending, MessageStatus.Failed, "only a Pending message can fail");
        return this with
        {
            Status = MessageStatus.Failed,
            ChangedAt = Stamp(MessageStatus.Failed, at, true),
            History = Append(MessageEvent.Failed, MessageStatus.Failed, at, MessageHistoryEntry.SystemActor, failure.Reason),
            AttemptCount = attempted ? AttemptCount + 1 : AttemptCount,
            LastFailure = failure,
            NextAttemptAt = null,
            IsHeld = false,
        };
    }

    /// <summary>The borrower's e-mail address was verified: a held message becomes due at once.</summary>
    /// <param name="at">When the address was verified.</param>
    /// <returns>The changed message (status stays Pending; <see cref="ChangedAt"/> does not move).</returns>
    public Message Release(DateTimeOffset at)
    {
        RequireNotAnonymized(MessageStatus.Pending);
        Require(Status == MessageStatus.Pending && IsHeld, MessageStatus.Pending, "only a held message can be released");
        return this with
        {
            Status = MessageStatus.Pending,
            ChangedAt = Stamp(MessageStatus.Pending, at, false),
            History = Append(MessageEvent.Released, MessageStatus.Pending, at, MessageHistoryEntry.SystemActor, "The e-mail address was verified."),
            IsHeld = false,
            NextAttemptAt = at,
        };
    }

    /// <summary>The held message's e-mail address expired unverified and no other protocol can take it: Pending → MissingContactInfo.</summary>
    /// <param name="at">When.</param>
    /// <param name="reason">Why, without personal data.</param>
    /// <returns>The changed message, without its recipient.</returns>
    public Message MarkMissingContactInfo(DateTimeOffset at, string reason)
    {
        RequireNotAnonymized(MessageStatus.MissingContactInfo);
        Require(Status == MessageStatus.Pending, MessageStatus.MissingContactInfo, "only a Pending message can lose its contact information");
        return this with
        {
            Status = MessageStatus.MissingContactInfo,
            ChangedAt = Stamp(MessageStatus.MissingContactInfo, at, true),
            History = Append(MessageEvent.ContactMissing, MessageStatus.MissingContactInfo, at, MessageHistoryEntry.SystemActor, reason),
            Recipient = null,
            IsHeld = false,
            NextAttemptAt = null,
        };
    }

    /// <summary>
    /// Sends the message again: Failed or MissingContactInfo → Pending, due at once, with a fresh attempt budget.
    /// A MissingContactInfo message needs the address found now (<paramref name="recipient"/>).
    /// </summary>
    /// <param name="at">When.</param>
    /// <param name="actor">The staff id, or <see cref="MessageHistoryEntry.SystemActor"/>.</param>
    /// <param name="note">An optional note.</param>
    /// <param name="recipient">The new address, required when the message has none.</param>
    /// <param name="content">New content, when it was rendered again.</param>
    /// <returns>The changed message.</returns>
    public Message Retry(DateTimeOffset at, string actor, string? note = null, MessageRecipient? recipient = null, MessageContent? content = null)
    {
        RequireNotAnonymized(MessageStatus.Pending);
        Require(Status is MessageStatus.Failed or MessageStatus.MissingContactInfo, MessageStatus.Pending, "only a Failed or MissingContactInfo message can be retried");
        var newContent = content ?? Content;
        Require(newContent is not null, MessageStatus.Pending, "the message has no content to send");
        return this with
        {
            Status = MessageStatus.Pending,
            ChangedAt = Stamp(MessageStatus.Pending, at, true),
            History = Append(MessageEvent.Retried, MessageStatus.Pending, at, actor, note),
            Recipient = recipient ?? Recipient,
            Content = newContent,
            AttemptCount = 0,
            NextAttemptAt = at,
            IsDismissed = false,
        };
    }

    /// <summary>
    /// Moves the message to another protocol and address, re-rendered, due at once: from Failed or MissingContactInfo
    /// (staff) or from a held Pending message whose address expired (system).
    /// </summary>
    /// <param name="at">When.</param>
    /// <param name="actor">The staff id, or <see cref="MessageHistoryEntry.SystemActor"/>.</param>
    /// <param name="protocol">The new protocol.</param>
    /// <param name="recipient">The new address; <see langword="null"/> for a protocol that needs none.</param>
    /// <param name="content">The content rendered for the new protocol.</param>
    /// <param name="note">An optional note.</param>
    /// <returns>The changed message; its history records where it came from and where it went.</returns>
    public Message Reroute(DateTimeOffset at, string actor, Protocol protocol, MessageRecipient? recipient, MessageContent content, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(content);
        RequireNotAnonymized(MessageStatus.Pending);
        Require(Status is MessageStatus.Failed or MessageStatus.MissingContactInfo || (Status == MessageStatus.Pending && IsHeld), MessageStatus.Pending, "only a Failed, MissingContactInfo or held message can be moved to another protocol");
        var reason = $"Moved from {Protocol.Name} to {protocol.Name}." + (string.IsNullOrWhiteSpace(note) ? "" : " " + note);
        var staff = !string.Equals(actor, MessageHistoryEntry.SystemActor, StringComparison.Ordinal);
        return this with
        {
            Status = MessageStatus.Pending,
            ChangedAt = Stamp(MessageStatus.Pending, at, staff || Status != MessageStatus.Pending),
            History = Append(MessageEvent.Rerouted, MessageStatus.Pending, at, actor, reason),
            Protocol = protocol,
            Recipient = recipient,
            Content = content,
            AttemptCount = 0,
            NextAttemptAt = at,
            IsHeld = false,
            IsDismissed = false,
        };
    }

    /// <summary>Staff handled the message by hand (for example printed and posted it): Failed or MissingContactInfo → Sent.</summary>
    /// <param name="at">When.</param>
    /// <param name="actor">The staff id.</param>
    /// <param name="note">An optional note, for example "Printed and posted".</param>
    /// <returns>The changed message, flagged as handled manually.</returns>
    public Message MarkHandledManually(DateTimeOffset at, string actor, string? note = null)
    {
        RequireNotAnonymized(MessageStatus.Sent);
        Require(Status is MessageStatus.Failed or MessageStatus.MissingContactInfo, MessageStatus.Sent, "only a Failed or MissingContactInfo message can be handled by hand");
        return this with
        {
            Status = MessageStatus.Sent,
            ChangedAt = Stamp(MessageStatus.Sent, at, true),
            History = Append(MessageEvent.HandledManually, MessageStatus.Sent, at, actor, note),
            IsHandledManually = true,
            IsDismissed = false,
            NextAttemptAt = null,
        };
    }

    /// <summary>Staff remove a Failed message from the message queue; it stays Failed.</summary>
    /// <param name="at">When.</param>
    /// <param name="actor">The staff id.</param>
    /// <param name="note">Why, optional.</param>
    /// <returns>The changed message.</returns>
    public Message Dismiss(DateTimeOffset at, string actor, string? note = null)
    {
        RequireNotAnonymized(MessageStatus.Failed);
        Require(Status == MessageStatus.Failed && !IsDismissed, MessageStatus.Failed, "only a Failed message in the queue can be dismissed");
        return this with
        {
            ChangedAt = Stamp(MessageStatus.Failed, at, true),
            History = Append(MessageEvent.Dismissed, MessageStatus.Failed, at, actor, note),
            IsDismissed = true,
        };
    }

    /// <summary>
    /// Removes the personal content (recipient, subject, body, template data) and every free-text reason and note (the
    /// last failure's reason and those in the history, which may quote a channel's reply or a staff note); keeps type,
    /// protocol, status, failure kind, timestamps, and the history's events, actors and times; and sets
    /// <see cref="ChangedAt"/>. Idempotent: an anonymized message is returned unchanged.
    /// </summary>
    /// <param name="at">When.</param>
    /// <returns>The anonymized message.</returns>
    public Message Anonymize(DateTimeOffset at)
    {
        if (IsAnonymized)
        {
            return this;
        }

        // Reasons and notes are free text (a channel's reply, a staff note) that may name the borrower: they go too. What
        // happened, when, by whom and of which kind stays.
        var history = ImmutableArray.CreateBuilder<MessageHistoryEntry>(History.Length + 1);
        foreach (var entry in History)
        {
            history.Add(entry.Reason is null ? entry : entry with { Reason = null }); // Equivalent mutant: the test saves a copy.
        }

        history.Add(new MessageHistoryEntry(MessageEvent.Anonymized, Status, Status, at, MessageHistoryEntry.SystemActor, null));
        return this with
        {
            Status = Status,
            ChangedAt = Stamp(Status, at, true),
            History = history.MoveToImmutable(),
            LastFailure = LastFailure is null ? null : LastFailure with { Reason = "" },
            Recipient = null,
            Content = null,
            IsAnonymized = true,
            IsHeld = false,
        };
    }

    /// <summary>Returns a description without personal data: id, type, protocol and status.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"Message {Id} ({Type}, {Protocol}, {Status})";

    /// <summary>A new message in <paramref name="status"/>, checked, with its creation in the history.</summary>
    private static Message Created(MessageId id, BorrowerId borrowerId, NotificationType type, Protocol protocol, string culture, DateTimeOffset createdAt, string? idempotencyKey, MessageStatus status, string? reason)
    {
        Check(id, borrowerId, type, protocol, culture);
        return new Message
        {
            Id = id,
            BorrowerId = borrowerId,
            Type = type,
            Culture = culture,
            CreatedAt = createdAt,
            IdempotencyKey = idempotencyKey,
            Protocol = protocol,
            Status = status,
            ChangedAt = createdAt,
            History = [Entry(MessageEvent.Created, status, status, createdAt, MessageHistoryEntry.SystemActor, reason)],
        };
    }

    private static void Check(MessageId id, BorrowerId borrowerId, NotificationType type, Protocol protocol, string culture)
    {
        if (id == default)
        {
            throw new ArgumentException("The message id is empty.", nameof(id));
        }

        ArgumentNullException.ThrowIfNull(borrowerId);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentException.ThrowIfNullOrWhiteSpace(culture);
    }

    private static MessageHistoryEntry Entry(MessageEvent ev, MessageStatus from, MessageStatus to, DateTimeOffset at, string actor, string? reason)
        => new(ev, from, to, at, actor, string.IsNullOrWhiteSpace(reason) ? null : reason);

    /// <summary>The <see cref="ChangedAt"/> after a change to <paramref name="to"/>: moved on a status change or when <paramref name="touch"/>.</summary>
    /// <remarks>
    /// Where the status always changes (MarkDelivered, MarkFailed, MarkMissingContactInfo, Retry, MarkHandledManually, MarkCollected),
    /// <paramref name="touch"/> = <see langword="true"/> only states the intent: turning it to false is an equivalent mutant.
    /// </remarks>
    private DateTimeOffset Stamp(MessageStatus to, DateTimeOffset at, bool touch) => touch || to != Status ? Max(at, ChangedAt) : ChangedAt;

    /// <summary>The history with one more entry, from the current status to <paramref name="to"/>.</summary>
    private ImmutableArray<MessageHistoryEntry> Append(MessageEvent ev, MessageStatus to, DateTimeOffset at, string actor, string? reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return History.Add(Entry(ev, Status, to, at, actor, reason));
    }

    // ">=" is an equivalent mutant: equal instants are the same UTC time once stored.
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private void RequireDigest()
    {
        RequireNotAnonymized(MessageStatus.Pending);
        Require(IsDigest && Status == MessageStatus.Pending && AttemptCount == 0, MessageStatus.Pending, "only a digest that is Pending and never attempted can change its notifications");
    }

    private void RequireSendable(MessageStatus to)
    {
        RequireNotAnonymized(to);
        Require(Status == MessageStatus.Pending, to, "only a Pending message can be delivered");
        Require(!IsHeld, to, "the message is held until its e-mail address is verified");
    }

    private void RequireNotAnonymized(MessageStatus to) => Require(!IsAnonymized, to, "the message is anonymized");

    private void Require(bool condition, MessageStatus to, string why)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Message {Id} cannot go from {Status} to {to}: {why}.");
        }
    }
}
