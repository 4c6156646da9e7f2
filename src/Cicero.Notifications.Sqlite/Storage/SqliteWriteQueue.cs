using Cicero.Notifications.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.Sqlite.Storage;

/// <summary>
/// Group commit: the writes of this process wait in one queue, and whoever finds the queue idle commits everything queued
/// by then in one IMMEDIATE transaction — one fsync for many writes. Each write runs in a savepoint of its own, so one
/// that throws is rolled back alone and fails alone; its task completes only after the commit, so a caller that gets a
/// result knows its write is durable. A commit that fails fails every write in it, and nothing of them is stored.
/// </summary>
/// <remarks>
/// While a group commits, the next writes queue; the next group is committed by a thread-pool worker, so no caller waits
/// for more than its own group. Other processes are kept out by SQLite's write lock (BEGIN IMMEDIATE with the busy timeout).
/// </remarks>
internal sealed class SqliteWriteQueue : IDisposable
{
    /// <summary>The most writes one transaction takes; the rest go in the next.</summary>
    private const int MaxGroup = 256;

    private readonly Func<CancellationToken, Task<SqliteConnection>> _open;
    private readonly GroupCommit<IQueuedWrite> _group;
    private long _commits;

    // One connection for every write of this process, kept open so its prepared statements live on (SqliteStatements);
    // only the committing worker uses it. Replaced after a failure.
    private SqliteConnection? _connection;

    public SqliteWriteQueue(Func<CancellationToken, Task<SqliteConnection>> open)
    {
        _open = open;
        _group = new GroupCommit<IQueuedWrite>(CommitAsync, MaxGroup);
    }

    /// <summary>Gets how many transactions were committed (for tests).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Closes the write connection (a write after this opens a new one).</summary>
    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>Runs <paramref name="write"/> in a transaction shared with the writes queued with it, and returns its result once committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var queued = new QueuedWrite<T>(write, cancellationToken);
        return _group.Add<T>(queued, queued.Task);
    }

    private async Task CommitAsync(List<IQueuedWrite> group)
    {
        group.RemoveAll(w => w.CancelIfRequested());
        if (group.Count == 0)
        {
            return;
        }

        var done = new List<IQueuedWrite>(group.Count);
        try
        {
            var connection = _connection ??= await _open(CancellationToken.None).ConfigureAwait(false);
            using var transaction = connection.BeginTransaction(deferred: false);
            if (group.Count == 1)
            {
                // Alone: its failure is the transaction's.
                if (group[0].Run(connection, transaction))
                {
                    done.Add(group[0]);
                }
            }
            else
            {
                foreach (var write in group)
                {
                    transaction.Save("w");
                    if (write.Run(connection, transaction))
                    {
                        transaction.Release("w");
                        done.Add(write);
                    }
                    else
                    {
                        transaction.Rollback("w");
                        transaction.Release("w");
                    }
                }
            }

            if (done.Count > 0)
            {
                transaction.Commit();
                Interlocked.Increment(ref _commits);
            }
        }
        catch (Exception ex)
        {
            // The transaction could not begin, a savepoint could not be rolled back, or the commit failed: nothing of
            // the group is stored, and the connection is opened afresh for the next group.
            _connection?.Dispose();
            _connection = null;
            foreach (var write in group)
            {
                write.Fail(ex);
            }

            return;
        }

        foreach (var write in done)
        {
            write.Complete();
        }
    }

    private interface IQueuedWrite : IGroupWrite
    {
        /// <summary>Completes the write as cancelled when its caller gave up while it waited; returns whether it did.</summary>
        bool CancelIfRequested();

        /// <summary>Runs the write; returns <see langword="false"/> when it threw (its task then holds the exception).</summary>
        bool Run(SqliteConnection connection, SqliteTransaction transaction);

        void Complete();
    }

    private sealed class QueuedWrite<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken) : IQueuedWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public bool Run(SqliteConnection connection, SqliteTransaction transaction)
        {
            try
            {
                _result = write(connection, transaction);
                return true;
            }
            catch (Exception ex)
            {
                _completion.TrySetException(ex);
                return false;
            }
        }

        public void Complete() => _completion.TrySetResult(_result!);

        public void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
