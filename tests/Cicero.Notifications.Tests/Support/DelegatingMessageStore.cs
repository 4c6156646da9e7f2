using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications.Tests.Support;

/// <summary>A message store that hands every call to an inner store; tests override the calls they watch or break.</summary>
internal abstract class DelegatingMessageStore(IMessageStore inner) : IMessageStore
{
    protected IMessageStore Inner { get; } = inner;

    public virtual Task<AddMessagesResult> AddAsync(IReadOnlyList<Message> messages, string? idempotencyKey, CancellationToken cancellationToken = default)
        => Inner.AddAsync(messages, idempotencyKey, cancellationToken);

    public virtual Task<IReadOnlyList<AddMessagesResult>> AddManyAsync(IReadOnlyList<MessagesToAdd> batch, CancellationToken cancellationToken = default)
        => Inner.AddManyAsync(batch, cancellationToken);

    public virtual Task<Message?> GetAsync(MessageId id, CancellationToken cancellationToken = default) => Inner.GetAsync(id, cancellationToken);

    public virtual Task<MessagePage> ListByBorrowerAsync(BorrowerId borrowerId, MessageStatus? status, PageRequest page, CancellationToken cancellationToken = default)
        => Inner.ListByBorrowerAsync(borrowerId, status, page, cancellationToken);

    public virtual Task<MessagePage> ListQueueAsync(MessageQueueFilter filter, PageRequest page, CancellationToken cancellationToken = default)
        => Inner.ListQueueAsync(filter, page, cancellationToken);

    public virtual Task<long> CountQueueAsync(CancellationToken cancellationToken = default) => Inner.CountQueueAsync(cancellationToken);

    public virtual Task<DateTimeOffset?> GetOldestDueAsync(DateTimeOffset now, IReadOnlyCollection<Protocol> excludedProtocols, CancellationToken cancellationToken = default)
        => Inner.GetOldestDueAsync(now, excludedProtocols, cancellationToken);

    public virtual Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxCount, IReadOnlyCollection<Protocol> pausedProtocols, CancellationToken cancellationToken = default)
        => Inner.ClaimDueAsync(owner, now, leaseUntil, maxCount, pausedProtocols, cancellationToken);

    public virtual Task<bool> TryBeginSendAsync(MessageId id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
        => Inner.TryBeginSendAsync(id, owner, now, leaseUntil, cancellationToken);

    public virtual Task<Message?> TryUpdateAsync(Message message, CancellationToken cancellationToken = default) => Inner.TryUpdateAsync(message, cancellationToken);

    public virtual Task<IReadOnlyList<Message>> ListHeldAsync(BorrowerId borrowerId, EmailAddress? email, CancellationToken cancellationToken = default)
        => Inner.ListHeldAsync(borrowerId, email, cancellationToken);

    public virtual Task<IReadOnlyList<BorrowerId>> ListBorrowersWithHeldAsync(BorrowerId? after, int maxCount, CancellationToken cancellationToken = default)
        => Inner.ListBorrowersWithHeldAsync(after, maxCount, cancellationToken);

    public virtual Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset createdBefore, int batchSize, CancellationToken cancellationToken = default)
        => Inner.ForgetIdempotencyKeysAsync(createdBefore, batchSize, cancellationToken);

    public virtual Task<int> AnonymizeBatchAsync(DateTimeOffset createdBefore, DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
        => Inner.AnonymizeBatchAsync(createdBefore, now, batchSize, cancellationToken);

    public virtual Task<Message?> FindByProviderMessageIdAsync(Protocol protocol, string providerMessageId, CancellationToken cancellationToken = default)
        => Inner.FindByProviderMessageIdAsync(protocol, providerMessageId, cancellationToken);

    public virtual Task KeepUnmatchedReceiptAsync(UnmatchedReceipt receipt, CancellationToken cancellationToken = default)
        => Inner.KeepUnmatchedReceiptAsync(receipt, cancellationToken);

    public virtual Task<IReadOnlyList<UnmatchedReceipt>> ListUnmatchedReceiptsAsync(int maxCount, CancellationToken cancellationToken = default)
        => Inner.ListUnmatchedReceiptsAsync(maxCount, cancellationToken);

    public virtual Task RemoveUnmatchedReceiptAsync(DeliveryReceipt receipt, CancellationToken cancellationToken = default)
        => Inner.RemoveUnmatchedReceiptAsync(receipt, cancellationToken);

    public virtual Task<int> ForgetUnmatchedReceiptsAsync(DateTimeOffset receivedBefore, int batchSize, CancellationToken cancellationToken = default)
        => Inner.ForgetUnmatchedReceiptsAsync(receivedBefore, batchSize, cancellationToken);

    public virtual Task<Message?> TryUpdateUnlessSendingAsync(Message message, CancellationToken cancellationToken = default)
        => Inner.TryUpdateUnlessSendingAsync(message, cancellationToken);

    public virtual Task<IReadOnlyList<Message>> ListByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default)
        => Inner.ListByIdempotencyKeyAsync(idempotencyKey, cancellationToken);

    public virtual Task<IReadOnlyList<Message>> ListByNotificationAsync(MessageId notificationId, CancellationToken cancellationToken = default)
        => Inner.ListByNotificationAsync(notificationId, cancellationToken);

    public virtual Task<Message?> TryAddFallbackAsync(IReadOnlyList<Message> replaced, Message fallback, CancellationToken cancellationToken = default)
        => Inner.TryAddFallbackAsync(replaced, fallback, cancellationToken);

    public virtual Task<IReadOnlyList<Message>> ListWaitingLettersAsync(Protocol protocol, string? branch, DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default)
        => Inner.ListWaitingLettersAsync(protocol, branch, now, maxCount, cancellationToken);

    public virtual Task<IReadOnlyList<Message>> CollectLettersAsync(LetterRunRecord run, IReadOnlyList<Message> letters, CancellationToken cancellationToken = default)
        => Inner.CollectLettersAsync(run, letters, cancellationToken);

    public virtual Task<LetterRunRecord?> GetLetterRunAsync(Guid runId, CancellationToken cancellationToken = default)
        => Inner.GetLetterRunAsync(runId, cancellationToken);

    public virtual Task<IReadOnlyList<LetterRunRecord>> ListLetterRunsAsync(int limit, CancellationToken cancellationToken = default)
        => Inner.ListLetterRunsAsync(limit, cancellationToken);

    public virtual Task<int> ForgetLetterRunsAsync(DateTimeOffset collectedBefore, int batchSize, CancellationToken cancellationToken = default)
        => Inner.ForgetLetterRunsAsync(collectedBefore, batchSize, cancellationToken);

    public virtual Task<AddMessagesResult?> TryAddToDigestAsync(IReadOnlyList<Message> digest, string? idempotencyKey, CancellationToken cancellationToken = default)
        => Inner.TryAddToDigestAsync(digest, idempotencyKey, cancellationToken);
}
