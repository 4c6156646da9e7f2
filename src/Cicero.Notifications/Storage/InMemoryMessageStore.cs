using System.Globalization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage;

/// <summary>
/// A thread-safe <see cref="IMessageStore"/> in memory: the default when no store is chosen, for tests and demos.
/// Nothing survives a restart — use the SQLite or PostgreSQL store in production.
/// </summary>
public sealed class InMemoryMessageStore : IMessageStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<MessageId, Entry> _messages = [];
    private readonly Dictionary<BorrowerId, List<MessageId>> _byBorrower = [];
    private readonly Dictionary<string, MessageId[]> _byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset Due, Guid Id)> _due = [];
    private readonly Dictionary<MessageId, Lease> _leases = [];

    /// <summary>Gets the number of stored messages.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _messages.Count;
            }
        }
    }

    /// <inheritdoc/>
    public Task<AddMessagesResult> AddAsync(IReadOnlyList<Message> messages, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        lock (_lock)
        {
            if (idempotencyKey is not null && _byIdempotencyKey.TryGetValue(idempotencyKey, out var earlier))
            {
                return Task.FromResult(new AddMessagesResult([.. earlier.Select(id => _messages[id].Message)], IsDuplicate: true));
            }

            foreach (var message in messages)
            {
                if (_messages.ContainsKey(message.Id))
                {
                    throw new InvalidOperationException($"Message {message.Id} is already stored.");
                }
            }

            var stored = new Message[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                var message = messages[i].WithVersion(1);
                stored[i] = message;
                _messages.Add(message.Id, new Entry(message));
                if (!_byBorrower.TryGetValue(message.BorrowerId, out var list))
                {
                    _byBorrower[message.BorrowerId] = list = [];
                }

                list.Add(message.Id);
                TrackDue(null, message);
            }

            if (idempotencyKey is not null)
            {
                _byIdempotencyKey[idempotencyKey] = [.. stored.Select(m => m.Id)];
            }

            return Task.FromResult(new AddMessagesResult(stored, IsDuplicate: false));
        }
    }

    /// <inheritdoc/>
    public Task<Message?> GetAsync(MessageId id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_messages.TryGetValue(id, out var entry) ? entry.Message : null);
        }
    }

    /// <inheritdoc/>
    public Task<MessagePage> ListByBorrowerAsync(BorrowerId borrowerId, MessageStatus? status, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        ArgumentNullException.ThrowIfNull(page);
        IEnumerable<Message> candidates;
        lock (_lock)
        {
            candidates = _byBorrower.TryGetValue(borrowerId, out var ids) ? [.. ids.Select(id => _messages[id].Message)] : [];
        }

        var ordered = candidates
            .Where(m => status is null || m.Status == status)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id.Value);
        var after = Cursor.Parse(page.Continuation);
        var filtered = after is null ? ordered : ordered.Where(m => Cursor.Compare(m, after.Value) < 0);
        return Task.FromResult(Page(filtered, page.Size));
    }

    /// <inheritdoc/>
    public Task<MessagePage> ListQueueAsync(MessageQueueFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        List<Message> matching;
        lock (_lock)
        {
            matching = [.. _messages.Values.Select(e => e.Message).Where(filter.Matches)];
        }

        var ordered = matching.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id.Value);
        var after = Cursor.Parse(page.Continuation);
        var filtered = after is null ? ordered : ordered.Where(m => Cursor.Compare(m, after.Value) > 0);
        return Task.FromResult(Page(filtered, page.Size));
    }

    /// <inheritdoc/>
    public Task<long> CountQueueAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult((long)_messages.Values.Count(e => e.Message.NeedsStaff));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var claimed = new List<ClaimedMessage>(Math.Min(maxCount, 256));
        lock (_lock)
        {
            // Expired leases first: their messages were due before anything still waiting in the due set.
            foreach (var (id, lease) in _leases)
            {
                if (claimed.Count == maxCount)
                {
                    break;
                }

                if (lease.Until <= now)
                {
                    claimed.Add(new ClaimedMessage(_messages[id].Message, WasInFlight: true));
                }
            }

            foreach (var c in claimed)
            {
                _leases[c.Message.Id] = new Lease(owner, leaseUntil);
            }

            while (claimed.Count < maxCount && _due.Count > 0)
            {
                var first = _due.Min;
                if (first.Due > now)
                {
                    break;
                }

                _due.Remove(first);
                var id = MessageId.From(first.Id);
                _leases[id] = new Lease(owner, leaseUntil);
                claimed.Add(new ClaimedMessage(_messages[id].Message, WasInFlight: false));
            }
        }

        return Task.FromResult<IReadOnlyList<ClaimedMessage>>(claimed);
    }

    /// <inheritdoc/>
    public Task<Message?> TryUpdateAsync(Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            if (!_messages.TryGetValue(message.Id, out var entry) || entry.Message.Version != message.Version)
            {
                return Task.FromResult<Message?>(null);
            }

            var stored = message.WithVersion(message.Version + 1);
            _messages[message.Id] = new Entry(stored);
            var wasLeased = _leases.Remove(message.Id);
            TrackDue(wasLeased ? null : entry.Message, stored);
            return Task.FromResult<Message?>(stored);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Message>> ListHeldAsync(BorrowerId borrowerId, EmailAddress? email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        lock (_lock)
        {
            IReadOnlyList<Message> held = _byBorrower.TryGetValue(borrowerId, out var ids)
                ? [.. ids.Select(id => _messages[id].Message).Where(m => m.IsHeld && (email is null || m.Recipient?.Value.Equals(email.Value, StringComparison.OrdinalIgnoreCase) == true))]
                : [];
            return Task.FromResult(held);
        }
    }

    /// <inheritdoc/>
    public Task<int> AnonymizeBatchAsync(DateTimeOffset createdBefore, DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        lock (_lock)
        {
            var batch = _messages.Values
                .Select(e => e.Message)
                .Where(m => !m.IsAnonymized && m.Status != MessageStatus.Pending && m.CreatedAt < createdBefore)
                .Take(batchSize)
                .ToList();
            foreach (var message in batch)
            {
                _messages[message.Id] = new Entry(message.Anonymize(now).WithVersion(message.Version + 1));
            }

            return Task.FromResult(batch.Count);
        }
    }

    private void TrackDue(Message? before, Message after)
    {
        if (before is { Status: MessageStatus.Pending, IsHeld: false, NextAttemptAt: { } oldDue })
        {
            _due.Remove((oldDue, before.Id.Value));
        }

        if (after is { Status: MessageStatus.Pending, IsHeld: false, NextAttemptAt: { } due })
        {
            _due.Add((due, after.Id.Value));
        }
    }

    private static MessagePage Page(IEnumerable<Message> ordered, int size)
    {
        var items = ordered.Take(size + 1).ToList();
        if (items.Count <= size)
        {
            return new MessagePage(items, null);
        }

        items.RemoveAt(size);
        return new MessagePage(items, Cursor.Format(items[^1]));
    }

    private readonly record struct Entry(Message Message);

    private readonly record struct Lease(string Owner, DateTimeOffset Until);

    /// <summary>A keyset cursor: the creation time and id of the last message on the page.</summary>
    private static class Cursor
    {
        public static string Format(Message last)
            => string.Create(CultureInfo.InvariantCulture, $"{last.CreatedAt.UtcTicks}:{last.Id.Value:N}");

        public static (long Ticks, Guid Id)? Parse(string? continuation)
        {
            if (continuation is null)
            {
                return null;
            }

            var parts = continuation.Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && Guid.TryParseExact(parts[1], "N", out var id)
                ? (ticks, id)
                : throw new ArgumentException("The continuation is not one this store issued.", nameof(continuation));
        }

        public static int Compare(Message m, (long Ticks, Guid Id) cursor)
        {
            var byTime = m.CreatedAt.UtcTicks.CompareTo(cursor.Ticks);
            return byTime != 0 ? byTime : m.Id.Value.CompareTo(cursor.Id);
        }
    }
}
