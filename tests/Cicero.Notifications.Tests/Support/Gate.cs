namespace Cicero.Notifications.Tests.Support;

/// <summary>Holds the first <c>parties</c> callers of <see cref="PassAsync"/> until all of them have arrived; later ones pass at once.</summary>
internal sealed class Gate(int parties)
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Task FirstArrived => _first.Task;

    public Task PassAsync()
    {
        var arrived = Interlocked.Increment(ref _arrived);
        if (arrived > parties)
        {
            return Task.CompletedTask;
        }

        _first.TrySetResult();
        if (arrived == parties)
        {
            _all.TrySetResult();
        }

        return _all.Task.WaitAsync(TimeSpan.FromSeconds(30)); // A guard against a hang, not a wait: the parties arrive at once.
    }
}
