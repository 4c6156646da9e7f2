namespace Cicero.Notifications.Storage.Internal;

/// <summary>A write waiting for a group commit: completed by the commit, or failed with why it could not be stored.</summary>
internal interface IGroupWrite
{
    /// <summary>Fails the write (its caller gets the exception).</summary>
    void Fail(Exception exception);
}

/// <summary>
/// The queue of a group commit, shared by the SQL stores: writes wait here, and whoever finds it idle commits everything
/// queued by then as one group (one transaction, one fsync); the writes queued meanwhile form the next group, committed
/// by a thread-pool worker, so no caller waits for more than its own group. <c>commit</c> completes or fails every
/// write of the group it is given, each only once its fate is durable.
/// </summary>
internal sealed class GroupCommit<TWrite>(Func<List<TWrite>, Task> commit, int maxGroup)
    where TWrite : IGroupWrite
{
    private readonly Lock _lock = new();
    private readonly Queue<TWrite> _queue = new();
    private bool _committing;

    /// <summary>Queues <paramref name="write"/>; returns <paramref name="completion"/>, its task, after committing the group if this caller leads it.</summary>
    public Task<T> Add<T>(TWrite write, Task<T> completion)
    {
        bool lead;
        lock (_lock)
        {
            _queue.Enqueue(write);
            lead = !_committing;
            _committing = true;
        }

        return lead ? LeadAsync(completion) : completion;
    }

    private async Task<T> LeadAsync<T>(Task<T> own)
    {
        await CommitNextGroupAsync().ConfigureAwait(false);
        return await own.ConfigureAwait(false);
    }

    /// <summary>Commits what is queued, then hands the next group, if any, to a thread-pool worker.</summary>
    private async Task CommitNextGroupAsync()
    {
        List<TWrite> group;
        lock (_lock)
        {
            group = new List<TWrite>(Math.Min(_queue.Count, maxGroup));
            while (group.Count < maxGroup && _queue.TryDequeue(out var next))
            {
                group.Add(next);
            }
        }

        try
        {
            await commit(group).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // commit fails its writes itself; should it throw instead, no caller is left waiting.
            foreach (var write in group)
            {
                write.Fail(ex);
            }
        }

        lock (_lock)
        {
            if (_queue.Count == 0)
            {
                _committing = false;
                return;
            }
        }

        _ = Task.Run(CommitNextGroupAsync);
    }
}
