namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// The bare-driver side: one <see cref="RawStore"/> per host on the store, inserting the same rows and claiming and
/// updating them in the same loop as the dispatcher (claim a batch, mark each row's send begun and update it,
/// <see cref="RawStore.Parallelism"/> rows at a time, until a claim comes back empty).
/// </summary>
internal sealed class RawRun : IThroughputRun
{
    /// <summary>The lease a claim takes (the library's default).</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    private readonly RawStore[] _stores;

    private RawRun(RawStore[] stores) => _stores = stores;

    public static async Task<IThroughputRun> StartAsync(BenchDatabase database, int hosts)
        => new RawRun(await OpenStoresAsync(database, await database.CreateStoreAsync(), hosts));

    /// <summary>Connects <paramref name="hosts"/> bare-driver hosts to the store at <paramref name="connectionString"/>.</summary>
    public static async Task<RawStore[]> OpenStoresAsync(BenchDatabase database, string connectionString, int hosts)
    {
        var stores = new RawStore[hosts];
        for (var i = 0; i < hosts; i++)
        {
            stores[i] = await database.OpenRawAsync(connectionString);
        }

        return stores;
    }

    public Task NotifyAsync(int host, int notification)
        => _stores[host].InsertAsync(RawMessage.ForNotification(Workload.Borrower(notification), notification, TimeProvider.System.GetUtcNow()));

    public async Task<int> DispatchAllDueAsync(int host)
    {
        var store = _stores[host];
        var owner = Guid.NewGuid().ToString("N");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = store.Parallelism };
        var sent = 0;
        while (true)
        {
            var now = TimeProvider.System.GetUtcNow();
            var batch = await store.ClaimAsync(owner, now, now + LeaseDuration, LibraryHost.BatchSize);
            if (batch.Count == 0)
            {
                return sent;
            }

            await Parallel.ForEachAsync(batch, parallel, async (message, _) =>
            {
                var now = TimeProvider.System.GetUtcNow();
                if (await store.BeginSendAsync(message.Id, owner, now, now + LeaseDuration)
                    && await store.UpdateAsync(message.Delivered(TimeProvider.System.GetUtcNow())))
                {
                    Interlocked.Increment(ref sent);
                }
            });
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
