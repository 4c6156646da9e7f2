using System.Text.Json.Serialization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>Selects queue messages for a bulk action: every given criterion must hold.</summary>
internal sealed record QueueFilterRequest
{
    /// <summary>Only messages of this notification type (code).</summary>
    public string? Type { get; init; }

    /// <summary>Only messages on this protocol (code).</summary>
    public string? Protocol { get; init; }

    /// <summary>Only messages of this branch (its code).</summary>
    public string? Branch { get; init; }

    /// <summary>Only messages whose last failure is of this kind.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<MessageFailureKind>))]
    public MessageFailureKind? FailureKind { get; init; }

    /// <summary>Only messages created at or after this time.</summary>
    public DateTimeOffset? CreatedAtOrAfter { get; init; }

    /// <summary>Only messages created at or before this time.</summary>
    public DateTimeOffset? CreatedAtOrBefore { get; init; }
}
