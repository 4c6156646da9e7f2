using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>Filters the message queue. Every criterion is optional; all given ones must hold.</summary>
public sealed record MessageQueueFilter
{
    /// <summary>Gets the whole queue.</summary>
    public static MessageQueueFilter All { get; } = new();

    /// <summary>Gets only messages of this notification type.</summary>
    public NotificationType? Type { get; init; }

    /// <summary>Gets only messages on this protocol.</summary>
    public Protocol? Protocol { get; init; }

    /// <summary>Gets only messages of the branch with this code (case-insensitive).</summary>
    public string? Branch { get; init; }

    /// <summary>Gets only messages whose last failure is of this kind.</summary>
    public MessageFailureKind? FailureKind { get; init; }

    /// <summary>Gets only messages created at or before this time (at least this old).</summary>
    public DateTimeOffset? CreatedAtOrBefore { get; init; }

    /// <summary>Gets only messages created at or after this time (at most this old).</summary>
    public DateTimeOffset? CreatedAtOrAfter { get; init; }

    /// <summary>Returns whether a message matches: Failed, not dismissed, and every given criterion.</summary>
    /// <param name="message">The message.</param>
    /// <returns><see langword="true"/> when it belongs in this view of the queue.</returns>
    public bool Matches(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.NeedsStaff
            && (Type is null || message.Type == Type)
            && (Protocol is null || message.Protocol == Protocol)
            && (Branch is null || string.Equals(message.Branch, Branch, StringComparison.OrdinalIgnoreCase))
            && (FailureKind is null || message.LastFailure?.Kind == FailureKind)
            && (CreatedAtOrBefore is null || message.CreatedAt <= CreatedAtOrBefore)
            && (CreatedAtOrAfter is null || message.CreatedAt >= CreatedAtOrAfter);
    }
}
