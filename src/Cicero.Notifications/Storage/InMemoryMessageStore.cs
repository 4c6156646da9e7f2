using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage;

/// <summary>
/// A thread-safe <see cref="IMessageStore"/> in memory: the default when no store is chosen, for tests and demos.
/// Nothing survives a restart — use the SQLite or PostgreSQL store in production.
/// </summary>
public sealed class InMemoryMessageStore : IMessageStore
{
    // The due index and the lease marks are never searched or pruned on the hot paths: each message's entry names its
    // live due item and its lease by a sequence number, and anything else met in the index or the marks is stale and
    // skipped (and dropped in bulk once stale items outnumber live ones).
    private const int CompactionSlack = 1024;

    private static readonly Task<Message?> NotUpdated = Task.FromResult<Message?>(null);
    private static readonly Task<IReadOnlyList<ClaimedMessage>> NoneClaimed = Task.FromResult<IReadOnlyList<ClaimedMessage>>([]);

    private readonly Lock _lock = new();
    private readonly Dictionary<MessageId, Entry> _messages = [];
    private readonly Dictionary<BorrowerId, List<MessageId>> _byBorrower = [];
    private readonly Dictionary<string, MessageId[]> _byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly DueIndex _due = new();
    private readonly List<LeaseMark> _leaseMarks = [];
    private long _sequence;
    private int _staleDue;
    private int _activeLeases;
    private long _earliestLeaseUntil = long.MaxValue;

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
        var stored = new Message[messages.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            stored[i] = messages[i].WithVersion(1);
        }

        lock (_lock)
        {
            if (idempotencyKey is not null && _byIdempotencyKey.TryGetValue(idempotencyKey, out var earlier))
            {
                var current = new Message[earlier.Length];
                for (var i = 0; i < earlier.Length; i++)
                {
                    current[i] = _messages[earlier[i]].Message;
                }

                return Task.FromResult(new AddMessagesResult(current, IsDuplicate: true));
            }

            // Due messages get sequence numbers in batch order here; the loop below indexes them with the same numbers.
            var sequence = _sequence;
            for (var i = 0; i < stored.Length; i++)
            {
                ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_messages, stored[i].Id, out var exists);
                if (exists)
                {
                    for (var j = 0; j < i; j++)
                    {
                        _messages.Remove(stored[j].Id);
                    }

                    throw new InvalidOperationException($"Message {stored[i].Id} is already stored.");
                }

                entry.Message = stored[i];
                entry.DueSequence = IsDue(stored[i], out _) ? ++_sequence : 0;
            }

            BorrowerId? borrower = null;
            List<MessageId>? list = null;
            foreach (var message in stored)
            {
                // One notification's messages share a borrower: look the list up once.
                if (list is null || !ReferenceEquals(borrower, message.BorrowerId))
                {
                    borrower = message.BorrowerId;
                    list = CollectionsMarshal.GetValueRefOrAddDefault(_byBorrower, borrower, out _) ??= [];
                }

                list.Add(message.Id);
                if (IsDue(message, out var ticks))
                {
                    _due.Add(new DueItem(ticks, ++sequence, message.Id), AtOnce(message, ticks));
                }
            }

            if (idempotencyKey is not null)
            {
                var ids = new MessageId[stored.Length];
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i] = stored[i].Id;
                }

                _byIdempotencyKey[idempotencyKey] = ids;
            }
        }

        return Task.FromResult(new AddMessagesResult(stored, IsDuplicate: false));
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
        var nowTicks = now.UtcTicks;
        var untilTicks = leaseUntil.UtcTicks;
        List<ClaimedMessage> claimed;
        lock (_lock)
        {
            var anyExpired = _activeLeases > 0 && _earliestLeaseUntil <= nowTicks;
            var candidates = _due.Count + (anyExpired ? _activeLeases : 0);
            if (candidates == 0)
            {
                return NoneClaimed;
            }

            claimed = new List<ClaimedMessage>(Math.Min(maxCount, candidates));

            // Expired leases first: their messages were due before anything still waiting in the due index.
            if (anyExpired)
            {
                ReclaimExpiredLeases(nowTicks, untilTicks, maxCount, claimed);
            }

            while (claimed.Count < maxCount && _due.TryTakeDue(nowTicks, out var item))
            {
                ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_messages, item.Id);
                if (Unsafe.IsNullRef(ref entry) || entry.DueSequence != item.Sequence)
                {
                    _staleDue--;
                    continue;
                }

                entry.DueSequence = 0;
                Lease(ref entry, item.Id, untilTicks);
                claimed.Add(new ClaimedMessage(entry.Message, WasInFlight: false));
            }
        }

        return claimed.Count == 0 ? NoneClaimed : Task.FromResult<IReadOnlyList<ClaimedMessage>>(claimed);
    }

    /// <inheritdoc/>
    public Task<Message?> TryUpdateAsync(Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stored = message.WithVersion(message.Version + 1);
        var isDue = IsDue(stored, out var ticks);
        lock (_lock)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_messages, message.Id);
            if (Unsafe.IsNullRef(ref entry) || entry.Message.Version != message.Version)
            {
                return NotUpdated;
            }

            var before = entry.Message;
            entry.Message = stored;
            if (entry.LeaseSequence != 0)
            {
                Release(ref entry);
            }

            if (entry.DueSequence != 0)
            {
                // The live item stays right when the message is still due at the same time.
                if (isDue && before.NextAttemptAt!.Value.UtcTicks == ticks)
                {
                    return Task.FromResult<Message?>(stored);
                }

                entry.DueSequence = 0;
                _staleDue++;
            }

            if (isDue)
            {
                entry.DueSequence = Index(stored, ticks);
            }

            if (_staleDue > CompactionSlack && _staleDue > _due.Count / 2)
            {
                CompactDueIndex();
            }
        }

        return Task.FromResult<Message?>(stored);
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
                CollectionsMarshal.GetValueRefOrNullRef(_messages, message.Id).Message = message.Anonymize(now).WithVersion(message.Version + 1);
            }

            return Task.FromResult(batch.Count);
        }
    }

    private static bool IsDue(Message message, out long ticks)
    {
        if (message is { Status: MessageStatus.Pending, IsHeld: false, NextAttemptAt: { } due })
        {
            ticks = due.UtcTicks;
            return true;
        }

        ticks = 0;
        return false;
    }

    /// <summary>Adds the message's live item to the due index; returns its sequence number.</summary>
    private long Index(Message message, long ticks)
    {
        var sequence = ++_sequence;
        _due.Add(new DueItem(ticks, sequence, message.Id), AtOnce(message, ticks));
        return sequence;
    }

    /// <summary>Whether the message became due when it last changed (a new message sent at once): the due index's FIFO case.</summary>
    private static bool AtOnce(Message message, long ticks) => ticks <= message.ChangedAt.UtcTicks;

    private void CompactDueIndex()
    {
        _due.RemoveWhere(item =>
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_messages, item.Id);
            return Unsafe.IsNullRef(ref entry) || entry.DueSequence != item.Sequence;
        });
        _staleDue = 0;
    }

    private void Lease(ref Entry entry, MessageId id, long untilTicks)
    {
        var sequence = ++_sequence;
        entry.LeaseSequence = sequence;
        entry.LeaseUntil = untilTicks;
        _leaseMarks.Add(new LeaseMark(id, sequence));
        _activeLeases++;
        if (untilTicks < _earliestLeaseUntil)
        {
            _earliestLeaseUntil = untilTicks;
        }
    }

    private void Release(ref Entry entry)
    {
        entry.LeaseSequence = 0;
        if (--_activeLeases == 0)
        {
            _leaseMarks.Clear();
            _earliestLeaseUntil = long.MaxValue;
        }
        else if (_leaseMarks.Count > CompactionSlack && _leaseMarks.Count > 2 * _activeLeases)
        {
            ReclaimExpiredLeases(long.MinValue, 0, 0, claimed: null);
        }
    }

    /// <summary>
    /// Walks the lease marks once: drops stale ones, re-leases messages whose lease expired at or before
    /// <paramref name="nowTicks"/> (while <paramref name="claimed"/> has room) and recomputes the earliest expiry.
    /// </summary>
    private void ReclaimExpiredLeases(long nowTicks, long untilTicks, int maxCount, List<ClaimedMessage>? claimed)
    {
        var marks = CollectionsMarshal.AsSpan(_leaseMarks);
        var kept = 0;
        var earliest = long.MaxValue;
        foreach (var mark in marks)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_messages, mark.Id);
            if (Unsafe.IsNullRef(ref entry) || entry.LeaseSequence != mark.Sequence)
            {
                continue;
            }

            var keep = mark;
            if (claimed is not null && entry.LeaseUntil <= nowTicks && claimed.Count < maxCount)
            {
                var sequence = ++_sequence;
                entry.LeaseSequence = sequence;
                entry.LeaseUntil = untilTicks;
                keep = new LeaseMark(mark.Id, sequence);
                claimed.Add(new ClaimedMessage(entry.Message, WasInFlight: true));
            }

            earliest = Math.Min(earliest, entry.LeaseUntil);
            marks[kept++] = keep;
        }

        CollectionsMarshal.SetCount(_leaseMarks, kept);
        _earliestLeaseUntil = earliest;
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

    /// <summary>A stored message with its place in the due index and its lease.</summary>
    private struct Entry
    {
        /// <summary>The stored message.</summary>
        public Message Message;

        /// <summary>The sequence number of the message's live item in the due index; 0 when it has none.</summary>
        public long DueSequence;

        /// <summary>The sequence number of the message's lease (of its live lease mark); 0 when it is not leased.</summary>
        public long LeaseSequence;

        /// <summary>When the lease expires, in UTC ticks.</summary>
        public long LeaseUntil;
    }

    /// <summary>A lease handed out; live while the message's entry carries the same sequence number.</summary>
    private readonly record struct LeaseMark(MessageId Id, long Sequence);

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
