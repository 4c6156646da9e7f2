using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>The library side: one DI container per host on the store, notifying through <see cref="INotifier"/> and dispatching through <see cref="IMessageDispatcher"/>.</summary>
internal sealed class LibraryRun : IThroughputRun, IBulkRun
{
    private readonly ServiceProvider[] _hosts;
    private readonly INotifier[] _notifiers;
    private readonly IMessageDispatcher[] _dispatchers;

    private LibraryRun(ServiceProvider[] hosts)
    {
        _hosts = hosts;
        _notifiers = [.. hosts.Select(h => h.GetRequiredService<INotifier>())];
        _dispatchers = [.. hosts.Select(h => h.GetRequiredService<IMessageDispatcher>())];
    }

    public static async Task<IThroughputRun> StartAsync(BenchDatabase database, int hosts) => await CreateAsync(database, hosts);

    /// <summary>Creates a fresh store, the hosts on it and the borrowers' profiles; every host has used the store once (untimed).</summary>
    public static async Task<LibraryRun> CreateAsync(BenchDatabase database, int hosts)
    {
        var connectionString = await database.CreateStoreAsync();
        var run = new LibraryRun([.. Enumerable.Range(0, hosts).Select(_ => LibraryHost.Create(b => database.UseStore(b, connectionString)))]);
        await SaveProfilesAsync(run._hosts[0]);
        foreach (var host in run._hosts)
        {
            await host.GetRequiredService<IMessageStore>().CountQueueAsync();
        }

        return run;
    }

    /// <summary>Saves the profiles of <see cref="Workload.Borrowers"/> borrowers (phone and e-mail) through a host's profile store.</summary>
    public static async Task SaveProfilesAsync(IServiceProvider host)
    {
        var now = TimeProvider.System.GetUtcNow();
        var profiles = host.GetRequiredService<IBorrowerProfileStore>();
        for (var i = 0; i < Workload.Borrowers; i++)
        {
            _ = await profiles.TrySaveAsync(PipelineScenario.Profile(BorrowerId.Parse(Workload.Borrower(i)), now))
                ?? throw new InvalidOperationException("A borrower profile was not saved.");
        }
    }

    public Task NotifyAsync(int host, int notification)
        => _notifiers[host].NotifyAsync(new Notification(BorrowerId.Parse(Workload.Borrower(notification)), NotificationType.ReservationReady) { Data = PipelineScenario.Data(notification) });

    /// <summary>Bulk notify through host 0: <see cref="INotifier.NotifyManyAsync"/> with all of them (it stores them in batches of <see cref="INotifier.MaxBatchSize"/>).</summary>
    public async Task<int> NotifyManyAsync(int count)
    {
        var results = await _notifiers[0].NotifyManyAsync(Enumerable.Range(0, count).Select(BulkWorkload.Notification));
        return results.All(r => r.Outcome == NotifyOutcome.Created)
            ? results.Sum(r => r.Messages.Count)
            : throw new InvalidOperationException($"{results.Count(r => r.Outcome != NotifyOutcome.Created)} notifications were not created: the measurement is void.");
    }

    public async Task<int> DispatchAllDueAsync(int host)
    {
        var sent = 0;
        DispatchResult result;
        do
        {
            result = await _dispatchers[host].DispatchDueAsync();
            sent += result.Delivered;
        }
        while (result.Claimed > 0);

        return sent;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }
}
