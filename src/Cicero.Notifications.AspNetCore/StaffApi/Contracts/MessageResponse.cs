using System.Text.Json.Serialization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>A message as staff see it: stable codes, display names in the request's language, and the actions that fit it now.</summary>
internal sealed record MessageResponse
{
    /// <summary>The message id.</summary>
    public required string Id { get; init; }

    /// <summary>The borrower's id as the library system knows it.</summary>
    public required string BorrowerId { get; init; }

    /// <summary>The borrower's id for display: a borrower id that is a CPR number is masked (DDMMYY-xxxx).</summary>
    public required string BorrowerDisplay { get; init; }

    /// <summary>The notification type's code, for example ReservationReady.</summary>
    public required string Type { get; init; }

    /// <summary>The notification type's display name, for example "Reservering klar til afhentning".</summary>
    public required string TypeDisplayName { get; init; }

    /// <summary>The protocol's code, for example Sms, Email, DigitalPost or a user-defined protocol.</summary>
    public required string Protocol { get; init; }

    /// <summary>The protocol's display name, for example "SMS".</summary>
    public required string ProtocolDisplayName { get; init; }

    /// <summary>The status code.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<MessageStatus>))]
    public required MessageStatus Status { get; init; }

    /// <summary>The status's display name, for example "Fejlet".</summary>
    public required string StatusDisplayName { get; init; }

    /// <summary>The recipient for display (a CPR number masked as DDMMYY-xxxx); null when there is none or the message is anonymized.</summary>
    public string? Recipient { get; init; }

    /// <summary>When the message was created: the original send time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the status last changed, staff last acted on the message, or it was anonymized.</summary>
    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>The delivery attempts since the message was created or last retried by staff.</summary>
    /// <summary>Gets when a Pending message goes at the earliest ("sendes tidligst": quiet hours, a retry, a paused channel), or null.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Gets when the provider confirmed delivery (a delivery receipt), or null; a confirmation does not change <see cref="ChangedAt"/>.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>Gets the message's version: the same value as the response's <c>ETag</c>, for <c>If-Match</c>.</summary>
    public required long Version { get; init; }

    public required int AttemptCount { get; init; }

    /// <summary>Gets the code of the branch the notification concerns, or null.</summary>
    public string? Branch { get; init; }

    /// <summary>Gets the branch's display name in the response's language, or null.</summary>
    public string? BranchDisplayName { get; init; }

    /// <summary>Gets how many notifications a digest message gathers; 0 for a message that is not a digest.</summary>
    public required int DigestItemCount { get; init; }

    /// <summary>Gets whether the message is a letter waiting for the next print run (a collected protocol).</summary>
    public required bool WaitsForLetterRun { get; init; }

    /// <summary>The last failure's kind code, if the message failed.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<MessageFailureKind>))]
    public MessageFailureKind? FailureKind { get; init; }

    /// <summary>The last failure's kind display name, for example "Afvist".</summary>
    public string? FailureKindDisplayName { get; init; }

    /// <summary>The last failure's reason in words (never personal data).</summary>
    public string? FailureReason { get; init; }

    /// <summary>Whether staff handled the message by hand.</summary>
    public required bool IsHandledManually { get; init; }

    /// <summary>Whether staff removed the (Failed) message from the message queue.</summary>
    public required bool IsDismissed { get; init; }

    /// <summary>Whether a fallback message on another protocol took over from this Failed message (it left the queue without staff).</summary>
    public required bool IsReplacedByFallback { get; init; }

    /// <summary>Whether the personal content has been removed.</summary>
    public required bool IsAnonymized { get; init; }

    /// <summary>Whether the message is held until its e-mail address is verified.</summary>
    public required bool IsHeld { get; init; }

    /// <summary>The staff actions that fit the message now; one can still be refused when it runs.</summary>
    public required IReadOnlyList<StaffAction> AvailableActions { get; init; }

    /// <summary>The history, oldest first: what happened, when, who and why.</summary>
    public required IReadOnlyList<MessageHistoryResponse> History { get; init; }

    public static MessageResponse From(MessageRow row) => new()
    {
        Id = row.Id.ToString(),
        BorrowerId = row.BorrowerId.Value,
        BorrowerDisplay = row.BorrowerId.Display,
        Type = row.Type.Name,
        TypeDisplayName = row.TypeName,
        Protocol = row.Protocol.Name,
        ProtocolDisplayName = row.ProtocolName,
        Status = row.Status,
        StatusDisplayName = row.StatusName,
        Recipient = row.Recipient,
        CreatedAt = row.CreatedAt,
        ChangedAt = row.ChangedAt,
        NextAttemptAt = row.NextAttemptAt,
        DeliveredAt = row.DeliveredAt,
        Version = row.Version,
        AttemptCount = row.AttemptCount,
        Branch = row.Branch,
        BranchDisplayName = row.BranchName,
        DigestItemCount = row.DigestItemCount,
        WaitsForLetterRun = row.WaitsForLetterRun,
        FailureKind = row.FailureKind,
        FailureKindDisplayName = row.FailureName,
        FailureReason = row.FailureReason,
        IsHandledManually = row.IsHandledManually,
        IsDismissed = row.IsDismissed,
        IsReplacedByFallback = row.IsReplacedByFallback,
        IsAnonymized = row.IsAnonymized,
        IsHeld = row.IsHeld,
        AvailableActions = StaffActions.From(row.AvailableActions),
        History = [.. row.History.Select(MessageHistoryResponse.Of)],
    };
}
