namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>One side of the durable benchmark (the library, or the bare driver) on a fresh store with some hosts: bulk notify through one host, dispatch through each.</summary>
internal interface IBulkRun : IAsyncDisposable
{
    /// <summary>Notifies <see cref="BulkWorkload.Notification"/> 0 to <paramref name="count"/> − 1 in bulk through host 0; returns how many messages were stored.</summary>
    Task<int> NotifyManyAsync(int count);

    /// <summary>Dispatches through host <paramref name="host"/> until nothing is due; returns how many messages it marked Sent.</summary>
    Task<int> DispatchAllDueAsync(int host);
}
