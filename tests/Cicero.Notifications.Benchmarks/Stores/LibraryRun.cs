using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>The library side: one DI container per host on the store, notifying through <see cref="INotifier"/> and dispatching through <see cref="IMessageDispatcher"/>.</summary>
internal sealed class LibraryRun : IThroughputRun
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

    /// <summary>Creates a fresh store, the hosts on it and the borrowers' profiles; every host has used the store once (untimed).</summary>
    public static async Task<IThroughputRun> StartAsync(BenchDatabase database, int hosts)
    {
        var connectionString = await database.CreateStoreAsync();
        var run = new LibraryRun([.. Enumerable.Range(0, hosts).Select(_ => LibraryHost.Create(b => database.UseStore(b, connectionString)))]);
        var now = TimeProvider.System.GetUtcNow();
        var profiles = run._hosts[0].GetRequiredService<IBorrowerProfileStore>();
        for (var i = 0; i < Workload.Borrowers; i++)
        {
            _ = await profiles.TrySaveAsync(PipelineScenario.Profile(BorrowerId.Parse(Workload.Borrower(i)), now))
                ?? throw new InvalidOperationException("A borrower profile was not saved.");
        }

        foreach (var host in run._hosts)
        {
            await host.GetRequiredService<IMessageStore>().CountQueueAsync();
        }

        return run;
    }

    public Task NotifyAsync(int host, int notification)
        => _notifiers[host].NotifyAsync(new Notification(BorrowerId.Parse(Workload.Borrower(notification)), NotificationType.ReservationReady) { Data = PipelineScenario.Data(notification) });

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
