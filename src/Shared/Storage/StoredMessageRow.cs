using System.Data.Common;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage.Internal;

/// <summary>
/// A message as the SQL stores keep it: one column per field, the personal content (recipient, subject, bodies,
/// template data) in nullable columns that anonymization sets NULL, the history as compact JSON.
/// </summary>
internal sealed class StoredMessageRow
{
    public Guid Id { get; init; }

    public string BorrowerId { get; init; } = "";

    public string Type { get; init; } = "";

    public string Protocol { get; init; } = "";

    public string Culture { get; init; } = "";

    public int Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ChangedAt { get; init; }

    public int AttemptCount { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public int? FailureKind { get; init; }

    public string? FailureReason { get; init; }

    public bool IsHeld { get; init; }

    public bool IsAnonymized { get; init; }

    public bool IsDismissed { get; init; }

    public bool IsHandledManually { get; init; }

    public string? ProviderMessageId { get; init; }

    public string? IdempotencyKey { get; init; }

    public int? RecipientKind { get; init; }

    public string? Recipient { get; init; }

    public string? Subject { get; init; }

    public string? Body { get; init; }

    public string? HtmlBody { get; init; }

    public string? TemplateData { get; init; }

    public string History { get; init; } = "[]";

    public long Version { get; init; }

    /// <summary>Gets the notification's first message id; <see langword="null"/> for a message stored before the stores kept it.</summary>
    public Guid? NotificationId { get; init; }

    /// <summary>Gets a digest message's items as <see cref="DigestItemsCodec"/> writes them; <see langword="null"/> for a message that is not a digest.</summary>
    public string? DigestItems { get; init; }

    /// <summary>Gets the branch code; <see langword="null"/> for none.</summary>
    public string? Branch { get; init; }

    /// <summary>
    /// Reads a message from the current row of a reader whose columns are in <c>Columns</c> order (the notification id,
    /// column 26, the digest items, column 27, and the branch, column 28, may be left out by a query that does not need them).
    /// </summary>
    /// <param name="r">The reader.</param>
    /// <param name="id">Reads the id column, as the store keeps ids.</param>
    /// <param name="time">Reads a time column, as the store keeps times.</param>
    /// <param name="content">
    /// <see langword="false"/> when the query left the personal content out (recipient kind to template data selected as
    /// NULL, as anonymization does): those columns are then not read, and the message has no recipient and no content.
    /// </param>
    /// <returns>The message.</returns>
    public static Message Read(DbDataReader r, Func<DbDataReader, int, Guid> id, Func<DbDataReader, int, DateTimeOffset> time, bool content = true) => new StoredMessageRow
    {
        Id = id(r, 0),
        BorrowerId = r.GetString(1),
        Type = r.GetString(2),
        Protocol = r.GetString(3),
        Culture = r.GetString(4),
        Status = r.GetInt32(5),
        CreatedAt = time(r, 6),
        ChangedAt = time(r, 7),
        AttemptCount = r.GetInt32(8),
        NextAttemptAt = r.IsDBNull(9) ? null : time(r, 9),
        FailureKind = r.IsDBNull(10) ? null : r.GetInt32(10),
        FailureReason = r.IsDBNull(11) ? null : r.GetString(11),
        IsHeld = r.GetBoolean(12),
        IsAnonymized = r.GetBoolean(13),
        IsDismissed = r.GetBoolean(14),
        IsHandledManually = r.GetBoolean(15),
        ProviderMessageId = r.IsDBNull(16) ? null : r.GetString(16),
        IdempotencyKey = r.IsDBNull(17) ? null : r.GetString(17),
        RecipientKind = !content || r.IsDBNull(18) ? null : r.GetInt32(18),
        Recipient = !content || r.IsDBNull(19) ? null : r.GetString(19),
        Subject = !content || r.IsDBNull(20) ? null : r.GetString(20),
        Body = !content || r.IsDBNull(21) ? null : r.GetString(21),
        HtmlBody = !content || r.IsDBNull(22) ? null : r.GetString(22),
        TemplateData = !content || r.IsDBNull(23) ? null : r.GetString(23),
        History = r.GetString(24),
        Version = r.GetInt64(25),
        NotificationId = r.FieldCount > 26 && !r.IsDBNull(26) ? id(r, 26) : null, // Column 26 is the notification id in every query that selects more than 26.
        DigestItems = r.FieldCount > 27 && !r.IsDBNull(27) ? r.GetString(27) : null, // And column 27 the digest items.
        Branch = r.FieldCount > 28 && !r.IsDBNull(28) ? r.GetString(28) : null, // And column 28 the branch.
    }.ToMessage();

    public static StoredMessageRow From(Message message)
    {
        var state = message.ToState();
        return new StoredMessageRow
        {
            Id = state.Id.Value,
            BorrowerId = state.BorrowerId.Value,
            Type = state.Type.Name,
            Protocol = state.Protocol.Name,
            Culture = state.Culture,
            Status = (int)state.Status,
            CreatedAt = state.CreatedAt,
            ChangedAt = state.ChangedAt,
            AttemptCount = state.AttemptCount,
            NextAttemptAt = state.NextAttemptAt,
            FailureKind = state.LastFailure is null ? null : (int)state.LastFailure.Kind,
            FailureReason = string.IsNullOrEmpty(state.LastFailure?.Reason) ? null : state.LastFailure.Reason,
            IsHeld = state.IsHeld,
            IsAnonymized = state.IsAnonymized,
            IsDismissed = state.IsDismissed,
            IsHandledManually = state.IsHandledManually,
            ProviderMessageId = state.ProviderMessageId,
            IdempotencyKey = state.IdempotencyKey,
            RecipientKind = state.Recipient is null ? null : (int)state.Recipient.Kind,
            Recipient = state.Recipient?.Value,
            Subject = state.Content?.Subject,
            Body = state.Content?.Body,
            HtmlBody = state.Content?.HtmlBody,
            TemplateData = state.Content?.TemplateData,
            History = HistoryCodec.Write(state.History),
            Version = state.Version,
            NotificationId = state.NotificationId?.Value,
            DigestItems = DigestItemsCodec.Write(state.DigestItems),
            Branch = state.Branch,
        };
    }

    public Message ToMessage() => Message.Restore(new MessageState
    {
        Id = MessageId.From(Id),
        BorrowerId = Domain.BorrowerId.Parse(BorrowerId),
        Type = NotificationType.Parse(Type),
        Protocol = Domain.Protocol.Parse(Protocol),
        Culture = Culture,
        Status = (MessageStatus)Status,
        CreatedAt = CreatedAt,
        ChangedAt = ChangedAt,
        AttemptCount = AttemptCount,
        NextAttemptAt = NextAttemptAt,
        LastFailure = FailureKind is { } kind ? new MessageFailure((MessageFailureKind)kind, FailureReason ?? "") : null,
        IsHeld = IsHeld,
        IsAnonymized = IsAnonymized,
        IsDismissed = IsDismissed,
        IsHandledManually = IsHandledManually,
        ProviderMessageId = ProviderMessageId,
        IdempotencyKey = IdempotencyKey,
        Recipient = RecipientKind is { } rk && Recipient is not null ? MessageRecipient.Restore((Domain.RecipientKind)rk, Recipient) : null,
        Content = Body is not null ? new MessageContent(Subject, Body, TemplateData) { HtmlBody = HtmlBody } : null,
        History = HistoryCodec.Read(History),
        Version = Version,
        NotificationId = NotificationId is { } notification ? MessageId.From(notification) : null,
        DigestItems = DigestItemsCodec.Read(DigestItems),
        Branch = Branch,
    });
}
