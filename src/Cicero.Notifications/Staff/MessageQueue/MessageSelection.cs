using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>
/// The messages a bulk action of <see cref="IMessageQueue"/> works on: a list of ids, or the queue messages a filter
/// matches (oldest first). At most <see cref="MaxCount"/> messages per call.
/// </summary>
public sealed class MessageSelection
{
    /// <summary>The most messages one bulk action handles.</summary>
    public const int MaxCount = 1000;

    private MessageSelection(IReadOnlyList<MessageId>? ids, MessageQueueFilter? filter)
    {
        Ids = ids;
        Filter = filter;
    }

    /// <summary>Gets the listed ids (each once, in the order given), or <see langword="null"/> for a filter.</summary>
    public IReadOnlyList<MessageId>? Ids { get; }

    /// <summary>Gets the filter, or <see langword="null"/> for a list of ids.</summary>
    public MessageQueueFilter? Filter { get; }

    /// <summary>Selects messages by id, for example the rows a staff member ticked. Repeated ids count once.</summary>
    /// <param name="ids">The ids.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentException">No ids, or more than <see cref="MaxCount"/> different ones.</exception>
    public static MessageSelection Of(IEnumerable<MessageId> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var distinct = new List<MessageId>();
        var seen = new HashSet<MessageId>();
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                continue;
            }

            if (distinct.Count == MaxCount)
            {
                throw new ArgumentException($"A bulk action takes at most {MaxCount} messages; split the list.", nameof(ids));
            }

            distinct.Add(id);
        }

        return distinct.Count == 0
            ? throw new ArgumentException("A bulk action needs at least one message id.", nameof(ids))
            : new MessageSelection(distinct, null);
    }

    /// <summary>
    /// Selects the queue messages the filter matches, oldest first — at most <see cref="MaxCount"/>; the result says when more
    /// matched (<see cref="BulkActionResult.MoreMatched"/>), and the same call again takes the next ones.
    /// </summary>
    /// <param name="filter">The filter, for example the Failed SMS messages since 14:00.</param>
    /// <returns>The selection.</returns>
    public static MessageSelection Matching(MessageQueueFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new MessageSelection(null, filter);
    }
}
