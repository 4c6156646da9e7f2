namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>One side of a throughput measurement (the library, or the bare driver) set up on a fresh store with some hosts.</summary>
internal interface IThroughputRun : IAsyncDisposable
{
    /// <summary>Creates notification <paramref name="notification"/>'s two messages through host <paramref name="host"/>.</summary>
    Task NotifyAsync(int host, int notification);

    /// <summary>Dispatches through host <paramref name="host"/> until nothing is due; returns how many messages it marked Sent.</summary>
    Task<int> DispatchAllDueAsync(int host);
}
