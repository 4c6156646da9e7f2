namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// The bare-driver side of a store benchmark, for one host: the same SQL the library's store runs (its INSERT, its claim
/// <c>UPDATE … RETURNING</c>, its conditional status UPDATE) into the same schema, in the same transaction shapes, with no
/// library code in between, including the mark written before each send.
/// </summary>
internal abstract class RawStore : IAsyncDisposable
{
    /// <summary>Gets how many status updates of one claimed batch run at once.</summary>
    public abstract int Parallelism { get; }

    /// <summary>Inserts one notification's rows in one transaction (what <c>IMessageStore.AddAsync</c> does).</summary>
    public abstract Task InsertAsync(IReadOnlyList<RawMessage> messages);

    /// <summary>Leases up to <paramref name="limit"/> due rows and returns them (what <c>IMessageStore.ClaimDueAsync</c> does).</summary>
    public abstract Task<IReadOnlyList<RawMessage>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit);

    /// <summary>Marks a leased row's send as begun and extends its lease (what <c>IMessageStore.TryBeginSendAsync</c> does).</summary>
    public abstract Task<bool> BeginSendAsync(Guid id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil);

    /// <summary>Writes a row back if its version is unchanged, clearing the lease (what <c>IMessageStore.TryUpdateAsync</c> does).</summary>
    public abstract Task<bool> UpdateAsync(RawMessage message);

    /// <summary>
    /// Bulk notify in one transaction: for each notification, reads the borrower's profile and contact points, inserts the
    /// idempotency key (nothing when it is already there) and, when the key is new, the notification's rows (what
    /// <c>INotifier.NotifyManyAsync</c> does for one batch). Returns how many rows were inserted.
    /// </summary>
    public abstract Task<int> NotifyManyAsync(IReadOnlyList<RawNotification> notifications);

    /// <summary>Marks the sends of <paramref name="ids"/> as begun, one UPDATE per row, all in one transaction; returns how many were marked.</summary>
    public abstract Task<int> BeginSendManyAsync(IReadOnlyList<Guid> ids, string owner, DateTimeOffset now, DateTimeOffset leaseUntil);

    /// <summary>Writes rows back (the store's conditional UPDATE, one per row), all in one transaction; returns how many were written.</summary>
    public abstract Task<int> UpdateManyAsync(IReadOnlyList<RawMessage> messages);

    /// <summary>
    /// Anonymizes up to <paramref name="batchSize"/> of the oldest finished rows created before <paramref name="createdBefore"/>
    /// with one set-based UPDATE: recipient and content NULL, the failure reason emptied, an Anonymized history entry
    /// appended, the version raised. Returns how many rows it changed.
    /// </summary>
    public abstract Task<int> AnonymizeBatchAsync(DateTimeOffset createdBefore, DateTimeOffset now, int batchSize);

    /// <summary>Loads many rows as fast as the driver allows (one transaction, or COPY), for the big benchmarks.</summary>
    public abstract Task SeedAsync(IEnumerable<RawMessage> messages);

    public abstract ValueTask DisposeAsync();
}
