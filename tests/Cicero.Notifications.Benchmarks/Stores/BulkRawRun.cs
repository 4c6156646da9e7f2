namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// The bare-driver side of the durable benchmark: one <see cref="RawStore"/> per host. Notify: batches of
/// <see cref="INotifier.MaxBatchSize"/> notifications, each batch one transaction (<see cref="RawStore.NotifyManyAsync"/>).
/// Dispatch: claim <see cref="LibraryHost.BatchSize"/> rows; mark the sends begun <see cref="LibraryHost.MaxParallelism"/>
/// at a time (the sends that run at once), each such group one transaction; then record every outcome of the claim in one
/// transaction; until a claim comes back empty.
/// </summary>
internal sealed class BulkRawRun : IBulkRun
{
    private readonly RawStore[] _stores;

    private BulkRawRun(RawStore[] stores) => _stores = stores;

    /// <summary>Creates a fresh store with the library's schema and the borrowers' profiles (saved through the library, untimed), and the hosts on it.</summary>
    public static async Task<BulkRawRun> CreateAsync(BenchDatabase database, int hosts)
    {
        var connectionString = await database.CreateStoreAsync();
        await using (var host = LibraryHost.Create(b => database.UseStore(b, connectionString)))
        {
            await LibraryRun.SaveProfilesAsync(host);
        }

        return new BulkRawRun(await RawRun.OpenStoresAsync(database, connectionString, hosts));
    }

    public async Task<int> NotifyManyAsync(int count)
    {
        var inserted = 0;
        for (var first = 0; first < count; first += INotifier.MaxBatchSize)
        {
            var now = TimeProvider.System.GetUtcNow();
            var batch = Enumerable.Range(first, Math.Min(INotifier.MaxBatchSize, count - first)).Select(i => BulkWorkload.Raw(i, now)).ToArray();
            inserted += await _stores[0].NotifyManyAsync(batch);
        }

        return inserted;
    }

    public async Task<int> DispatchAllDueAsync(int host)
    {
        var store = _stores[host];
        var owner = Guid.NewGuid().ToString("N");
        var sent = 0;
        while (true)
        {
            var now = TimeProvider.System.GetUtcNow();
            var batch = await store.ClaimAsync(owner, now, now + RawRun.LeaseDuration, LibraryHost.BatchSize);
            if (batch.Count == 0)
            {
                return sent;
            }

            foreach (var group in batch.Chunk(LibraryHost.MaxParallelism))
            {
                now = TimeProvider.System.GetUtcNow();
                if (await store.BeginSendManyAsync([.. group.Select(m => m.Id)], owner, now, now + RawRun.LeaseDuration) != group.Length)
                {
                    throw new InvalidOperationException("A claimed row could not be marked: the measurement is void.");
                }
            }

            now = TimeProvider.System.GetUtcNow();
            sent += await store.UpdateManyAsync([.. batch.Select(m => m.Delivered(now))]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
