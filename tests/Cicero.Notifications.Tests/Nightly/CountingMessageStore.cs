using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications.Tests.Nightly;

/// <summary>An in-memory message store that records how many messages each anonymization batch changed.</summary>
internal sealed class CountingMessageStore : IMessageStore
{
    private readonly InMemoryMessageStore _inner = new();

    public List<int> AnonymizedPerBatch { get; } = [];

    public Task<AddMessagesResult> AddAsync(IReadOnlyList<Message> messages, string? idempotencyKey, CancellationToken cancellationToken = default)
        => _inner.AddAsync(messages, idempotencyKey, cancellationToken);

    public Task<Message?> GetAsync(MessageId id, CancellationToken cancellationToken = default) => _inner.GetAsync(id, cancellationToken);

    public Task<MessagePage> ListByBorrowerAsync(BorrowerId borrowerId, MessageStatus? status, PageRequest page, CancellationToken cancellationToken = default)
        => _inner.ListByBorrowerAsync(borrowerId, status, page, cancellationToken);

    public Task<MessagePage> ListQueueAsync(MessageQueueFilter filter, PageRequest page, CancellationToken cancellationToken = default)
        => _inner.ListQueueAsync(filter, page, cancellationToken);

    public Task<long> CountQueueAsync(CancellationToken cancellationToken = default) => _inner.CountQueueAsync(cancellationToken);

    public Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxCount, CancellationToken cancellationToken = default)
        => _inner.ClaimDueAsync(owner, now, leaseUntil, maxCount, cancellationToken);

    public Task<bool> TryBeginSendAsync(MessageId id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
        => _inner.TryBeginSendAsync(id, owner, now, leaseUntil, cancellationToken);

    public Task<Message?> TryUpdateAsync(Message message, CancellationToken cancellationToken = default) => _inner.TryUpdateAsync(message, cancellationToken);

    public Task<IReadOnlyList<Message>> ListHeldAsync(BorrowerId borrowerId, EmailAddress? email, CancellationToken cancellationToken = default)
        => _inner.ListHeldAsync(borrowerId, email, cancellationToken);

    public Task<IReadOnlyList<BorrowerId>> ListBorrowersWithHeldAsync(BorrowerId? after, int maxCount, CancellationToken cancellationToken = default)
        => _inner.ListBorrowersWithHeldAsync(after, maxCount, cancellationToken);

    public Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset createdBefore, int batchSize, CancellationToken cancellationToken = default)
        => _inner.ForgetIdempotencyKeysAsync(createdBefore, batchSize, cancellationToken);

    public async Task<int> AnonymizeBatchAsync(DateTimeOffset createdBefore, DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
    {
        var count = await _inner.AnonymizeBatchAsync(createdBefore, now, batchSize, cancellationToken);
        AnonymizedPerBatch.Add(count);
        return count;
    }
}
