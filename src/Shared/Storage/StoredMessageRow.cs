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
            FailureReason = state.LastFailure?.Reason,
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
    });
}
