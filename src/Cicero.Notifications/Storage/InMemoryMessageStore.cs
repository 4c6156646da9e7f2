using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage.Internal;

namespace Cicero.Notifications.Storage;

/// <summary>
/// A thread-safe <see cref="IMessageStore"/> in memory: the default when no store is chosen, for tests and demos.
/// Nothing survives a restart — use the SQLite or PostgreSQL store in production.
/// </summary>
/// <remarks>
/// One lock guards a dictionary of messages, a priority queue of the due ones by their next attempt, and the set of leased
/// ones (with their owner, expiry and whether their send began). A queue item is live while its message still carries the item's ticket; items a later change made stale are
/// dropped when they come to the front.
/// </remarks>
public sealed class InMemoryMessageStore : IMessageStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<MessageId, Entry> _messages = [];
    private readonly Dictionary<BorrowerId, List<Entry>> _byBorrower = [];
    private readonly Dictionary<string, Entry[]> _byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly Dictionary<MessageId, List<Entry>> _byNotification = [];
    private readonly PriorityQueue<Entry, (DateTimeOffset At, long Ticket)> _due = new();
    private readonly HashSet<Entry> _leased = [];
    private readonly Dictionary<(Protocol Protocol, string ProviderMessageId), Entry> _byProviderMessageId = [];
    private readonly Dictionary<(Protocol Protocol, string ProviderMessageId, DeliveryReceiptOutcome Outcome), UnmatchedReceipt> _unmatched = [];
    private readonly Dictionary<Guid, LetterRunRecord> _letterRuns = [];
    private long _tickets;

    /// <summary>Gets the number of stored messages.</summary>
    internal int Count
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
        Message[] stored = [.. messages.Select(m => m.WithVersion(1))];
        lock (_lock)
        {
            if (idempotencyKey is not null && _byIdempotencyKey.TryGetValue(idempotencyKey, out var earlier))
            {
                return Task.FromResult(new AddMessagesResult([.. earlier.Select(e => e.Message)], IsDuplicate: true));
            }

            if (stored.FirstOrDefault(m => _messages.ContainsKey(m.Id)) is { } existing)
            {
                throw new InvalidOperationException($"Message {existing.Id} is already stored; nothing of this batch was added.");
            }

            var entries = new Entry[stored.Length];
            for (var i = 0; i < stored.Length; i++)
            {
                Add(entries[i] = new Entry(stored[i]));
            }

            if (idempotencyKey is not null)
            {
                _byIdempotencyKey[idempotencyKey] = entries;
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
        var after = PageCursor.Parse(page.Continuation);
        lock (_lock)
        {
            var newestFirst = Messages(_byBorrower.GetValueOrDefault(borrowerId) ?? [])
                .Where(m => (status is null || m.Status == status) && (after is null || Compare(m, after.Value) < 0))
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id.Value);
            return Task.FromResult(Page(newestFirst, page.Size));
        }
    }

    /// <inheritdoc/>
    public Task<MessagePage> ListQueueAsync(MessageQueueFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var after = PageCursor.Parse(page.Continuation);
        lock (_lock)
        {
            var oldestFirst = Messages(_messages.Values)
                .Where(m => filter.Matches(m) && (after is null || Compare(m, after.Value) > 0))
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id.Value);
            return Task.FromResult(Page(oldestFirst, page.Size));
        }
    }

    /// <inheritdoc/>
    public Task<long> CountQueueAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult((long)Messages(_messages.Values).Count(m => m.NeedsStaff));
        }
    }

    /// <inheritdoc/>
    public Task<DateTimeOffset?> GetOldestDueAsync(DateTimeOffset now, IReadOnlyCollection<Protocol> excludedProtocols, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(excludedProtocols);
        lock (_lock)
        {
            DateTimeOffset? oldest = null;
            foreach (var message in Messages(_messages.Values))
            {
                if (message is { Status: MessageStatus.Pending, IsHeld: false, NextAttemptAt: { } due } && due <= now && (oldest is null || due < oldest) && !excludedProtocols.Contains(message.Protocol))
                {
                    oldest = due;
                }
            }

            return Task.FromResult(oldest);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxCount, IReadOnlyCollection<Protocol> pausedProtocols, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentNullException.ThrowIfNull(pausedProtocols);
        var claimed = new List<ClaimedMessage>();
        lock (_lock)
        {
            // Expired leases first: their messages were due before anything that became due while they were leased.
            foreach (var entry in _leased)
            {
                if (claimed.Count < maxCount && entry.LeasedUntil <= now && !pausedProtocols.Contains(entry.Message.Protocol))
                {
                    claimed.Add(new ClaimedMessage(entry.Message, WasInFlight: entry.SendBegun));
                    Lease(entry);
                }
            }

            List<(Entry, (DateTimeOffset, long))>? skipped = null;
            while (claimed.Count < maxCount && _due.TryPeek(out var entry, out var item) && item.At <= now)
            {
                _due.Dequeue();
                if (entry.Ticket != item.Ticket)
                {
                    continue;
                }

                if (pausedProtocols.Contains(entry.Message.Protocol))
                {
                    (skipped ??= []).Add((entry, item));
                    continue;
                }

                entry.Ticket = 0;
                _leased.Add(entry);
                Lease(entry);
                claimed.Add(new ClaimedMessage(entry.Message, WasInFlight: false));
            }

            if (skipped is not null)
            {
                _due.EnqueueRange(skipped);
            }
        }

        return Task.FromResult<IReadOnlyList<ClaimedMessage>>(claimed);

        void Lease(Entry entry)
        {
            entry.LeaseOwner = owner;
            entry.LeasedUntil = leaseUntil;
        }
    }

    /// <summary>Adds a new entry to every index (under the lock).</summary>
    private void Add(Entry entry)
    {
        _messages.Add(entry.Message.Id, entry);
        ByBorrower(entry.Message.BorrowerId).Add(entry);
        if (entry.Message.NotificationId is { } notification)
        {
            if (!_byNotification.TryGetValue(notification, out var group))
            {
                _byNotification[notification] = group = [];
            }

            group.Add(entry);
        }

        EnqueueIfDue(entry);
    }

    /// <summary>Names the store for the start-up log.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => "in-memory store (nothing survives a restart)";

    /// <inheritdoc/>
    public Task<bool> TryBeginSendAsync(MessageId id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        lock (_lock)
        {
            if (!_messages.TryGetValue(id, out var entry) || !_leased.Contains(entry)
                || !string.Equals(entry.LeaseOwner, owner, StringComparison.Ordinal) || entry.LeasedUntil <= now)
            {
                return Task.FromResult(false);
            }

            entry.LeasedUntil = leaseUntil;
            entry.SendBegun = true;
            return Task.FromResult(true);
        }
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

            // The new version releases any lease and replaces any due item: an old item is stale from now on.
            entry.Message = message.WithStoredNotificationId(entry.Message.NotificationId).WithVersion(message.Version + 1);
            entry.Ticket = 0;
            entry.LeaseOwner = null;
            entry.SendBegun = false;
            _leased.Remove(entry);
            EnqueueIfDue(entry);
            if (entry.Message.ProviderMessageId is { } providerMessageId)
            {
                _byProviderMessageId[(entry.Message.Protocol, providerMessageId)] = entry;
            }

            return Task.FromResult<Message?>(entry.Message);
        }
    }

    /// <inheritdoc/>
    public Task<Message?> TryUpdateUnlessSendingAsync(Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            return _messages.TryGetValue(message.Id, out var entry) && entry.SendBegun
                ? Task.FromResult<Message?>(null)
                : TryUpdateAsync(message, cancellationToken); // The lock is re-entrant: the check and the update are one step.
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Message>> ListByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Message>>(_byIdempotencyKey.TryGetValue(idempotencyKey, out var entries) ? [.. entries.Select(e => e.Message)] : []);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Message>> ListByNotificationAsync(MessageId notificationId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Message>>(_byNotification.TryGetValue(notificationId, out var entries)
                ? [.. entries.Select(e => e.Message).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id.Value)]
                : []);
        }
    }

    /// <inheritdoc/>
    public Task<Message?> TryAddFallbackAsync(IReadOnlyList<Message> replaced, Message fallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replaced);
        ArgumentNullException.ThrowIfNull(fallback);
        lock (_lock)
        {
            if (_messages.ContainsKey(fallback.Id))
            {
                throw new InvalidOperationException($"Message {fallback.Id} is already stored.");
            }

            if (!replaced.All(m => _messages.TryGetValue(m.Id, out var entry) && entry.Message.Version == m.Version))
            {
                return Task.FromResult<Message?>(null);
            }

            foreach (var message in replaced)
            {
                _ = TryUpdateAsync(message, cancellationToken); // The lock is re-entrant: the check and the updates are one step.
            }

            var added = new Entry(fallback.WithVersion(1));
            Add(added);
            return Task.FromResult<Message?>(added.Message);
        }
    }

    /// <inheritdoc/>
    public Task<AddMessagesResult?> TryAddToDigestAsync(IReadOnlyList<Message> digest, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        lock (_lock)
        {
            if (idempotencyKey is not null && _byIdempotencyKey.TryGetValue(idempotencyKey, out var earlier))
            {
                return Task.FromResult<AddMessagesResult?>(new AddMessagesResult([.. earlier.Select(e => e.Message)], IsDuplicate: true));
            }

            var entries = new Entry[digest.Count];
            for (var i = 0; i < entries.Length; i++)
            {
                if (!_messages.TryGetValue(digest[i].Id, out var entry) || entry.Message.Version != digest[i].Version || entry.SendBegun)
                {
                    return Task.FromResult<AddMessagesResult?>(null);
                }

                entries[i] = entry;
            }

            foreach (var message in digest)
            {
                _ = TryUpdateAsync(message, cancellationToken); // The lock is re-entrant: the checks and the updates are one step.
            }

            if (idempotencyKey is not null)
            {
                _byIdempotencyKey[idempotencyKey] = entries;
            }

            return Task.FromResult<AddMessagesResult?>(new AddMessagesResult([.. entries.Select(e => e.Message)], IsDuplicate: false));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Message>> ListWaitingLettersAsync(Protocol protocol, string? branch, DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            IReadOnlyList<Message> waiting = [.. Messages(_messages.Values)
                .Where(m => m is { Status: MessageStatus.Pending, IsHeld: false, NextAttemptAt: { } due } && due <= now && m.Protocol == protocol
                    && (branch is null || string.Equals(m.Branch, branch, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(m => m.Branch, StringComparer.Ordinal).ThenBy(m => m.BorrowerId.Value, StringComparer.Ordinal).ThenBy(m => m.CreatedAt).ThenBy(m => m.Id.Value)
                .Take(maxCount)];
            return Task.FromResult(waiting);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Message>> CollectLettersAsync(LetterRunRecord run, IReadOnlyList<Message> letters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(letters);
        lock (_lock)
        {
            var stored = new List<Message>(letters.Count);
            foreach (var letter in letters)
            {
                if (_messages.TryGetValue(letter.Id, out var entry) && !entry.SendBegun && TryUpdateAsync(letter, cancellationToken).Result is { } collected)
                {
                    stored.Add(collected); // The lock is re-entrant and the update synchronous: the checks and the updates are one step.
                }
            }

            if (stored.Count > 0)
            {
                _letterRuns[run.Id] = run with { MessageIds = [.. stored.Select(m => m.Id)] };
            }

            return Task.FromResult<IReadOnlyList<Message>>(stored);
        }
    }

    /// <inheritdoc/>
    public Task<LetterRunRecord?> GetLetterRunAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_letterRuns.GetValueOrDefault(runId));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LetterRunRecord>> ListLetterRunsAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<LetterRunRecord>>([.. _letterRuns.Values.OrderByDescending(r => r.CollectedAt).ThenByDescending(r => r.Id).Take(limit)]);
        }
    }

    /// <inheritdoc/>
    public Task<int> ForgetLetterRunsAsync(DateTimeOffset collectedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        lock (_lock)
        {
            var old = _letterRuns.Values.Where(r => r.CollectedAt < collectedBefore).OrderBy(r => r.CollectedAt).Take(batchSize).Select(r => r.Id).ToList();
            foreach (var id in old)
            {
                _letterRuns.Remove(id);
            }

            return Task.FromResult(old.Count);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Message>> ListHeldAsync(BorrowerId borrowerId, EmailAddress? email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        lock (_lock)
        {
            IReadOnlyList<Message> held = [.. Messages(_byBorrower.GetValueOrDefault(borrowerId) ?? [])
                .Where(m => m.IsHeld && (email is null || string.Equals(m.Recipient?.Value, email.Value, StringComparison.OrdinalIgnoreCase)))];
            return Task.FromResult(held);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<BorrowerId>> ListBorrowersWithHeldAsync(BorrowerId? after, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            IReadOnlyList<BorrowerId> page = [.. _byBorrower
                .Where(pair => (after is null || string.CompareOrdinal(pair.Key.Value, after.Value) > 0) && pair.Value.Exists(e => e.Message.IsHeld))
                .Select(pair => pair.Key)
                .OrderBy(id => id.Value, StringComparer.Ordinal)
                .Take(maxCount)];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc/>
    public Task<int> AnonymizeBatchAsync(DateTimeOffset createdBefore, DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        lock (_lock)
        {
            var batch = _messages.Values
                .Where(e => e.Message is { IsAnonymized: false, Status: not MessageStatus.Pending } m && m.CreatedAt < createdBefore)
                .Take(batchSize)
                .ToList();
            foreach (var entry in batch)
            {
                entry.Message = entry.Message.Anonymize(now).WithVersion(entry.Message.Version + 1);
            }

            return Task.FromResult(batch.Count);
        }
    }

    /// <inheritdoc/>
    public Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset createdBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        lock (_lock)
        {
            // A key is as old as its notification's messages (a key that stored none is forgotten first).
            var old = _byIdempotencyKey
                .Where(pair => pair.Value.Length == 0 || pair.Value[0].Message.CreatedAt < createdBefore)
                .Select(pair => pair.Key)
                .Take(batchSize)
                .ToList();
            foreach (var key in old)
            {
                _byIdempotencyKey.Remove(key);
            }

            return Task.FromResult(old.Count);
        }
    }

    /// <inheritdoc/>
    public Task<Message?> FindByProviderMessageIdAsync(Protocol protocol, string providerMessageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(providerMessageId);
        lock (_lock)
        {
            // The index keeps the last message stored with the id; one that has since changed its id no longer matches.
            return Task.FromResult(_byProviderMessageId.TryGetValue((protocol, providerMessageId), out var entry)
                && entry.Message.Protocol == protocol && string.Equals(entry.Message.ProviderMessageId, providerMessageId, StringComparison.Ordinal)
                ? entry.Message
                : null);
        }
    }

    /// <inheritdoc/>
    public Task KeepUnmatchedReceiptAsync(UnmatchedReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        lock (_lock)
        {
            _unmatched.TryAdd(Key(receipt.Receipt), receipt);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<UnmatchedReceipt>> ListUnmatchedReceiptsAsync(int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<UnmatchedReceipt>>([.. _unmatched.Values.OrderBy(r => r.ReceivedAt).Take(maxCount)]);
        }
    }

    /// <inheritdoc/>
    public Task RemoveUnmatchedReceiptAsync(DeliveryReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        lock (_lock)
        {
            _unmatched.Remove(Key(receipt));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> ForgetUnmatchedReceiptsAsync(DateTimeOffset receivedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        lock (_lock)
        {
            var old = _unmatched.Where(pair => pair.Value.ReceivedAt < receivedBefore).Select(pair => pair.Key).Take(batchSize).ToList();
            foreach (var key in old)
            {
                _unmatched.Remove(key);
            }

            return Task.FromResult(old.Count);
        }
    }

    private static (Protocol, string, DeliveryReceiptOutcome) Key(DeliveryReceipt receipt) => (receipt.Protocol, receipt.ProviderMessageId, receipt.Outcome);

    private static IEnumerable<Message> Messages(IEnumerable<Entry> entries) => entries.Select(e => e.Message);

    private static MessagePage Page(IEnumerable<Message> ordered, int size) => PageCursor.Page(ordered.Take(size + 1).ToList(), size);

    private List<Entry> ByBorrower(BorrowerId borrowerId)
    {
        if (!_byBorrower.TryGetValue(borrowerId, out var list))
        {
            _byBorrower[borrowerId] = list = [];
        }

        return list;
    }

    private void EnqueueIfDue(Entry entry)
    {
        if (entry.Message is { Status: MessageStatus.Pending, IsHeld: false, NextAttemptAt: { } due })
        {
            entry.Ticket = ++_tickets;
            _due.Enqueue(entry, (due, entry.Ticket));
        }
    }

    /// <summary>A stored message: the ticket of its live due item (0 when it has none), or how long it is leased.</summary>
    /// <param name="message">The message.</param>
    private sealed class Entry(Message message)
    {
        public Message Message { get; set; } = message;

        public long Ticket { get; set; }

        public string? LeaseOwner { get; set; }

        public DateTimeOffset LeasedUntil { get; set; }

        /// <summary>Gets or sets a value indicating whether a send began under a lease, and no outcome is recorded yet.</summary>
        public bool SendBegun { get; set; }
    }

    /// <summary>Compares a message with a page's last message, in the order of (creation time, id).</summary>
    private static int Compare(Message message, (DateTimeOffset CreatedAt, Guid Id) last)
    {
        var byTime = message.CreatedAt.CompareTo(last.CreatedAt);
        return byTime != 0 ? byTime : message.Id.Value.CompareTo(last.Id);
    }
}
