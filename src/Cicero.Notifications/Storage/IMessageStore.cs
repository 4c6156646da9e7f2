using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage;

/// <summary>
/// Persists messages: the outbox the engine writes before any channel is called, the lists staff read, and the
/// leases that keep several dispatchers (several hosts) from sending the same message.
/// </summary>
/// <remarks>
/// <para>Implementations must be thread-safe and, for shared databases, safe across processes. One conformance suite
/// (tests) holds every behaviour below for the in-memory, SQLite and PostgreSQL stores.</para>
/// <para>Versions: a new message is stored with version 1; every successful <see cref="TryUpdateAsync"/> stores
/// version + 1 and returns the message with it.</para>
/// </remarks>
public interface IMessageStore
{
    /// <summary>
    /// Adds messages in one atomic step. With an idempotency key that was used before, adds nothing and returns the
    /// messages first added with that key.
    /// </summary>
    /// <param name="messages">The new messages (version 1, as <see cref="Message"/> creates them).</param>
    /// <param name="idempotencyKey">The notification's idempotency key, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The stored messages (version 1), or those stored earlier with the same key.</returns>
    Task<AddMessagesResult> AddAsync(IReadOnlyList<Message> messages, string? idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds the messages of several notifications, each exactly as <see cref="AddAsync"/> would (an idempotency key used
    /// before, or earlier in the same call, adds nothing and returns the messages first added with it). A durable store
    /// adds them in one transaction: all of them or, when it throws, none. The default adds them one notification at a
    /// time; bulk notify (<see cref="INotifier.NotifyManyAsync"/>) calls it with batches of a few hundred.
    /// </summary>
    /// <param name="batch">The notifications' messages, in order.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>One result per entry of <paramref name="batch"/>, in the same order.</returns>
    async Task<IReadOnlyList<AddMessagesResult>> AddManyAsync(IReadOnlyList<MessagesToAdd> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = new AddMessagesResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = await AddAsync(batch[i].Messages, batch[i].IdempotencyKey, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>Gets a message.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The message, or <see langword="null"/>.</returns>
    Task<Message?> GetAsync(MessageId id, CancellationToken cancellationToken = default);

    /// <summary>Lists a borrower's messages, newest first (by creation time, then id), optionally of one status.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="status">Only messages with this status, or all.</param>
    /// <param name="page">The page size and continuation.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A page of messages.</returns>
    Task<MessagePage> ListByBorrowerAsync(BorrowerId borrowerId, MessageStatus? status, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Lists the message queue: Failed, not dismissed messages matching the filter, oldest first.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="page">The page size and continuation.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A page of messages.</returns>
    Task<MessagePage> ListQueueAsync(MessageQueueFilter filter, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Counts the messages in the message queue (Failed, not dismissed).</summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The queue depth.</returns>
    Task<long> CountQueueAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets when the longest-waiting due message became due: the earliest next attempt, at or before
    /// <paramref name="now"/>, of the Pending messages that are not held (leased ones included). Health checks use it to
    /// see that due messages are being sent.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="excludedProtocols">Protocols whose messages do not count (compared case-insensitively): the collected ones, which wait for staff.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The earliest due time; <see langword="null"/> when nothing is due.</returns>
    Task<DateTimeOffset?> GetOldestDueAsync(DateTimeOffset now, IReadOnlyCollection<Protocol> excludedProtocols, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="maxCount"/> due messages — Pending, not held, next attempt at or before
    /// <paramref name="now"/>, not leased (or leased with an expired lease), and not on one of the
    /// <paramref name="pausedProtocols"/> — earliest due first, leasing them to <paramref name="owner"/> until
    /// <paramref name="leaseUntil"/>. No two claims return the same message while its lease holds.
    /// </summary>
    /// <param name="owner">The dispatcher's unique name.</param>
    /// <param name="now">The current time.</param>
    /// <param name="leaseUntil">When the lease expires.</param>
    /// <param name="maxCount">The most messages to claim.</param>
    /// <param name="pausedProtocols">
    /// Protocols whose messages are not to be claimed (their channel is broken, see <see cref="DispatchOptions.Circuit"/>);
    /// usually empty. Messages of other protocols behind them in due order are claimed as if they were not there.
    /// </param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>
    /// The claimed messages, each flagged as in flight when an earlier claim began sending it
    /// (<see cref="TryBeginSendAsync"/>) and its lease expired before the outcome was recorded.
    /// </returns>
    Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxCount, IReadOnlyCollection<Protocol> pausedProtocols, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records, just before the dispatcher hands a claimed message to its channel, that its send begins — if the claim still
    /// holds: the message is leased to <paramref name="owner"/> and the lease has not expired at <paramref name="now"/>. The
    /// lease is extended to <paramref name="leaseUntil"/> (a lease per send), and the message stays marked as begun until
    /// its outcome is stored (<see cref="TryUpdateAsync"/>): should its lease expire first, the next claim reports it as in
    /// flight. A message whose lease expired before its send began is claimed again as any due message. The mark must be
    /// durable before this method returns.
    /// </summary>
    /// <param name="id">The claimed message.</param>
    /// <param name="owner">The dispatcher that claimed it.</param>
    /// <param name="now">The current time.</param>
    /// <param name="leaseUntil">When the extended lease expires.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>
    /// <see langword="true"/> when the send may begin; <see langword="false"/> when the claim was lost (the lease expired,
    /// another dispatcher claimed the message, or its outcome was stored): the message must not be sent.
    /// </returns>
    Task<bool> TryBeginSendAsync(MessageId id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a changed message if the stored version still equals <see cref="Message.Version"/> (optimistic
    /// concurrency), and releases any lease and send mark on it.
    /// </summary>
    /// <param name="message">The changed message, carrying the version it was read with.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The stored message with its new version, or <see langword="null"/> when someone else changed it first.</returns>
    Task<Message?> TryUpdateAsync(Message message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a changed message like <see cref="TryUpdateAsync"/>, unless a send of it has begun
    /// (<see cref="TryBeginSendAsync"/>) and no outcome is recorded yet — then nothing changes and it returns
    /// <see langword="null"/>. Cancellation uses it: a message whose send began may already have reached the provider.
    /// </summary>
    /// <param name="message">The changed message, with the version it was read at.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The stored message with its new version, or <see langword="null"/> on a version conflict or a begun send.</returns>
    Task<Message?> TryUpdateUnlessSendingAsync(Message message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the messages a notification created under <paramref name="idempotencyKey"/>, in the order they were created;
    /// empty when the key is unknown or forgotten (<see cref="ForgetIdempotencyKeysAsync"/>).
    /// </summary>
    /// <param name="idempotencyKey">The host's idempotency key.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The messages.</returns>
    Task<IReadOnlyList<Message>> ListByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every message of a notification: those with <see cref="Message.NotificationId"/> = <paramref name="notificationId"/>
    /// (the notification's first message included), oldest first (by creation time, then id). Empty when there are none.
    /// </summary>
    /// <param name="notificationId">The notification: the id of its first message.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The messages.</returns>
    Task<IReadOnlyList<Message>> ListByNotificationAsync(MessageId notificationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a notification's fallback in one atomic step: every message of <paramref name="replaced"/> (changed by
    /// <see cref="Message.ReplaceByFallback"/>) if its stored version still equals its <see cref="Message.Version"/>, and
    /// the new <paramref name="fallback"/> message (version 1). On any version conflict nothing changes. Two dispatchers
    /// deciding the same fallback at once thus create one message.
    /// </summary>
    /// <param name="replaced">The replaced messages, each carrying the version it was read with.</param>
    /// <param name="fallback">The new message.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The stored fallback message, or <see langword="null"/> when a replaced message changed first.</returns>
    Task<Message?> TryAddFallbackAsync(IReadOnlyList<Message> replaced, Message fallback, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a digest that another notification joined (each message changed by <see cref="Message.AddToDigest"/>) in
    /// one atomic step. When <paramref name="idempotencyKey"/> was used before, nothing changes and the messages stored
    /// under it come back as a duplicate. Otherwise every message is stored as
    /// <see cref="TryUpdateUnlessSendingAsync"/> stores it — only if its stored version still equals its
    /// <see cref="Message.Version"/> and no send of it has begun — and the key is remembered for all of them; if any
    /// message fails that check, nothing changes.
    /// </summary>
    /// <param name="digest">Every message of the digest, changed, each carrying the version it was read with.</param>
    /// <param name="idempotencyKey">The joining notification's idempotency key, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>
    /// The stored messages with their new versions; the earlier messages marked as a duplicate; or <see langword="null"/>
    /// when a message changed or began sending first.
    /// </returns>
    Task<AddMessagesResult?> TryAddToDigestAsync(IReadOnlyList<Message> digest, string? idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the letters waiting for a print run: the Pending, not held messages of <paramref name="protocol"/> (compared
    /// case-insensitively) due at or before <paramref name="now"/>, of <paramref name="branch"/> when given (compared
    /// case-insensitively), ordered by branch (none first), borrower id, creation time and id.
    /// </summary>
    /// <param name="protocol">The collected protocol.</param>
    /// <param name="branch">Only this branch, or <see langword="null"/> for all.</param>
    /// <param name="now">The current time.</param>
    /// <param name="maxCount">The most letters to list.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The letters.</returns>
    Task<IReadOnlyList<Message>> ListWaitingLettersAsync(Protocol protocol, string? branch, DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a print run in one atomic step: each letter (changed by <see cref="Message.MarkCollected"/>) is stored as
    /// <see cref="TryUpdateUnlessSendingAsync"/> stores it — only if its version is unchanged and no send of it began —
    /// and the run is kept with the ids of exactly the letters stored, in the given order. Letters another run took
    /// first are left out; when none is stored, nothing is kept.
    /// </summary>
    /// <param name="run">The run; its <see cref="LetterRunRecord.MessageIds"/> are ignored (the stored letters' ids are kept).</param>
    /// <param name="letters">The collected letters, each carrying the version it was read with.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The letters stored in this run, with their new versions, in the given order.</returns>
    Task<IReadOnlyList<Message>> CollectLettersAsync(LetterRunRecord run, IReadOnlyList<Message> letters, CancellationToken cancellationToken = default);

    /// <summary>Gets a print run kept by <see cref="CollectLettersAsync"/>.</summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The run, or <see langword="null"/> when it is unknown or forgotten.</returns>
    Task<LetterRunRecord?> GetLetterRunAsync(Guid runId, CancellationToken cancellationToken = default);

    /// <summary>Lists the kept print runs, newest first (by <see cref="LetterRunRecord.CollectedAt"/>, then id).</summary>
    /// <param name="limit">The most runs to list; at least 1.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The runs, newest first.</returns>
    Task<IReadOnlyList<LetterRunRecord>> ListLetterRunsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Forgets at most <paramref name="batchSize"/> print runs made before <paramref name="collectedBefore"/> (the letters stay).</summary>
    /// <param name="collectedBefore">The cut-off.</param>
    /// <param name="batchSize">The most runs to forget.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>How many were forgotten.</returns>
    Task<int> ForgetLetterRunsAsync(DateTimeOffset collectedBefore, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>Lists a borrower's held messages (Pending, awaiting e-mail verification), optionally to one address.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="email">Only messages to this address, or all held messages.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The held messages.</returns>
    Task<IReadOnlyList<Message>> ListHeldAsync(BorrowerId borrowerId, EmailAddress? email, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists, in the store's order of borrower ids, up to <paramref name="maxCount"/> borrowers that have held messages,
    /// after <paramref name="after"/>. The nightly jobs page through them to release messages still held for an address
    /// that has been verified, or resolve those held for an address that is gone: a crash between saving the profile and
    /// handling its held messages must not leave them waiting for ever.
    /// </summary>
    /// <param name="after">The last borrower of the previous page, or <see langword="null"/> for the first page.</param>
    /// <param name="maxCount">The page size.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The borrowers; fewer than <paramref name="maxCount"/> on the last page.</returns>
    Task<IReadOnlyList<BorrowerId>> ListBorrowersWithHeldAsync(BorrowerId? after, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Anonymizes one batch: up to <paramref name="batchSize"/> messages created before <paramref name="createdBefore"/>
    /// that are not anonymized and not Pending, each by <see cref="Message.Anonymize"/> at <paramref name="now"/>.
    /// Call it until it returns 0.
    /// </summary>
    /// <param name="createdBefore">The retention cut-off.</param>
    /// <param name="now">The time of anonymization (the new <see cref="Message.ChangedAt"/>).</param>
    /// <param name="batchSize">The batch size.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>How many messages this batch anonymized.</returns>
    Task<int> AnonymizeBatchAsync(DateTimeOffset createdBefore, DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets one batch of idempotency keys: up to <paramref name="batchSize"/> keys whose notification was created before
    /// <paramref name="createdBefore"/>. A forgotten key used again creates new messages. The nightly jobs call it with the
    /// anonymization cut-off (<see cref="NightlyOptions.RetentionPeriod"/>) until it returns 0, so the keys do not pile up.
    /// </summary>
    /// <param name="createdBefore">The retention cut-off.</param>
    /// <param name="batchSize">The batch size.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>How many keys this batch forgot.</returns>
    Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset createdBefore, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the message a channel of <paramref name="protocol"/> delivered with the provider id
    /// <paramref name="providerMessageId"/> (<see cref="Message.ProviderMessageId"/>, compared ordinally), through an
    /// index: delivery receipts name messages this way. When several match (a provider reusing ids), the most recently
    /// changed one.
    /// </summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="providerMessageId">The provider's message id.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The message, or <see langword="null"/>.</returns>
    Task<Message?> FindByProviderMessageIdAsync(Protocol protocol, string providerMessageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps a receipt that matched no message, durably, until its message is recorded or the nightly jobs forget it. A
    /// receipt with the same protocol, provider id and outcome already kept is left as it is.
    /// </summary>
    /// <param name="receipt">The receipt and its arrival.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task that completes when the receipt is stored.</returns>
    Task KeepUnmatchedReceiptAsync(UnmatchedReceipt receipt, CancellationToken cancellationToken = default);

    /// <summary>Lists up to <paramref name="maxCount"/> kept receipts, oldest arrival first.</summary>
    /// <param name="maxCount">The most to return.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The kept receipts.</returns>
    Task<IReadOnlyList<UnmatchedReceipt>> ListUnmatchedReceiptsAsync(int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Removes a kept receipt (same protocol, provider id and outcome) once it has been applied. Removing one that is gone does nothing.</summary>
    /// <param name="receipt">The receipt.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task that completes when the receipt is removed.</returns>
    Task RemoveUnmatchedReceiptAsync(DeliveryReceipt receipt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets one batch of kept receipts that arrived before <paramref name="receivedBefore"/> and never matched a
    /// message. The nightly jobs call it until it returns 0, so the table stays bounded.
    /// </summary>
    /// <param name="receivedBefore">The cut-off (now minus <see cref="DeliveryReceiptOptions.UnmatchedRetention"/>).</param>
    /// <param name="batchSize">The batch size.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>How many receipts this batch forgot.</returns>
    Task<int> ForgetUnmatchedReceiptsAsync(DateTimeOffset receivedBefore, int batchSize, CancellationToken cancellationToken = default);
}
