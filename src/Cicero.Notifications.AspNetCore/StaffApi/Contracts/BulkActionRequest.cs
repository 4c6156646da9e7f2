namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>
/// A bulk action: the messages are either listed by id (for example the rows ticked) or selected by a queue filter
/// (oldest first), at most 1 000 per request. The acting staff member is the authenticated user.
/// </summary>
internal sealed record BulkActionRequest
{
    /// <summary>The message ids; give these or <see cref="Filter"/>.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>The queue filter; give this or <see cref="Ids"/>.</summary>
    public QueueFilterRequest? Filter { get; init; }

    /// <summary>Why; kept in each message's history. Write no personal data in it.</summary>
    public string? Note { get; init; }
}
