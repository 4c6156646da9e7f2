namespace Cicero.Notifications.DigitalPost;

/// <summary>What goes into one MeMo message.</summary>
internal sealed record MeMoContent(
    Guid MessageUuid,
    string Label,
    string SenderCvr,
    string SenderLabel,
    string RecipientId,
    string RecipientIdType,
    DateTimeOffset CreatedAt,
    string FileName,
    string Language,
    string Body);
