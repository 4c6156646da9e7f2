namespace Cicero.Notifications.Tests.Sending;

/// <summary>
/// Work that holds its thread (synchronous I/O, say): every call blocks until two calls are held at once (then all pass),
/// or gives up after ten seconds.
/// </summary>
internal sealed class ThreadHolder
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);
    private readonly object _sync = new();
    private int _held;
    private bool _open;

    /// <summary>Gets the most calls held at the same time.</summary>
    public int MaxHeld { get; private set; }

    public void Hold()
    {
        lock (_sync)
        {
            _held++;
            MaxHeld = Math.Max(MaxHeld, _held);
            if (_held >= 2)
            {
                _open = true;
                Monitor.PulseAll(_sync);
            }

            if (!_open)
            {
                Monitor.Wait(_sync, GiveUpAfter);
            }

            _held--;
        }
    }
}
