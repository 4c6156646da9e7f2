namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>Send many messages on another protocol: listed by id or selected by a queue filter, at most 1 000 per request.</summary>
internal sealed record BulkRerouteRequest
{
    /// <summary>The message ids; give these or <see cref="Filter"/>.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>The queue filter; give this or <see cref="Ids"/>.</summary>
    public QueueFilterRequest? Filter { get; init; }

    /// <summary>The protocol's code.</summary>
    public string? Protocol { get; init; }

    /// <summary>Why; kept in each message's history. Write no personal data in it.</summary>
    public string? Note { get; init; }
}
