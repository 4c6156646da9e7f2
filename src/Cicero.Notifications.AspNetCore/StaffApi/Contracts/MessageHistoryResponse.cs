using System.Text.Json.Serialization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>One entry in a message's history.</summary>
internal sealed record MessageHistoryResponse
{
    /// <summary>What happened.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<MessageEvent>))]
    public required MessageEvent Event { get; init; }

    /// <summary>The status before.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<MessageStatus>))]
    public required MessageStatus From { get; init; }

    /// <summary>The status after.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<MessageStatus>))]
    public required MessageStatus To { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>"system" for automatic processing, else the acting staff member's id.</summary>
    public required string Actor { get; init; }

    /// <summary>Why, in words.</summary>
    public string? Reason { get; init; }

    public static MessageHistoryResponse Of(MessageHistoryEntry entry) => new()
    {
        Event = entry.Event,
        From = entry.From,
        To = entry.To,
        At = entry.At,
        Actor = entry.Actor,
        Reason = entry.Reason,
    };
}
