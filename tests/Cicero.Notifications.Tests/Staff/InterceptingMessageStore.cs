using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>
/// The in-memory store with two hooks for concurrency tests: hold reads until several callers have read (so they all
/// act on the same version), or run a change "behind the service's back" right after a read.
/// </summary>
internal sealed class InterceptingMessageStore : IMessageStore
{
    private readonly InMemoryMessageStore _inner = new();
    private readonly TaskCompletionSource _allRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reads;
    private int _holdReadsUntil;

    /// <summary>Gets or sets a change made by someone else right after the next read.</summary>
    public Func<Message, Task>? AfterNextRead { get; set; }

    /// <summary>Holds every read until <paramref name="readers"/> reads have happened.</summary>
    public void HoldReadsUntil(int readers) => _holdReadsUntil = readers;

    public async Task<Message?> GetAsync(MessageId id, CancellationToken cancellationToken = default)
    {
        var message = await _inner.GetAsync(id, cancellationToken);
        if (message is not null && AfterNextRead is { } change)
        {
            AfterNextRead = null;
            await change(message);
        }

        if (_holdReadsUntil > 0)
        {
            if (Interlocked.Increment(ref _reads) == _holdReadsUntil)
            {
                _allRead.TrySetResult();
            }

            // A guard against a hang if the test is wrong, not a timed assertion.
            await _allRead.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return message;
    }

    public Task<AddMessagesResult> AddAsync(IReadOnlyList<Message> messages, string? idempotencyKey, CancellationToken cancellationToken = default)
        => _inner.AddAsync(messages, idempotencyKey, cancellationToken);

    public Task<MessagePage> ListByBorrowerAsync(BorrowerId borrowerId, MessageStatus? status, PageRequest page, CancellationToken cancellationToken = default)
        => _inner.ListByBorrowerAsync(borrowerId, status, page, cancellationToken);

    public Task<MessagePage> ListQueueAsync(MessageQueueFilter filter, PageRequest page, CancellationToken cancellationToken = default)
        => _inner.ListQueueAsync(filter, page, cancellationToken);

    public Task<long> CountQueueAsync(CancellationToken cancellationToken = default) => _inner.CountQueueAsync(cancellationToken);

    public Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxCount, CancellationToken cancellationToken = default)
        => _inner.ClaimDueAsync(owner, now, leaseUntil, maxCount, cancellationToken);

    public Task<Message?> TryUpdateAsync(Message message, CancellationToken cancellationToken = default) => _inner.TryUpdateAsync(message, cancellationToken);

    public Task<IReadOnlyList<Message>> ListHeldAsync(BorrowerId borrowerId, EmailAddress? email, CancellationToken cancellationToken = default)
        => _inner.ListHeldAsync(borrowerId, email, cancellationToken);

    public Task<int> AnonymizeBatchAsync(DateTimeOffset createdBefore, DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
        => _inner.AnonymizeBatchAsync(createdBefore, now, batchSize, cancellationToken);
}
