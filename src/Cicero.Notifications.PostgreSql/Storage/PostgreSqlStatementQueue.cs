using Cicero.Notifications.Storage.Internal;
using Npgsql;

namespace Cicero.Notifications.PostgreSql.Storage;

/// <summary>
/// Group commit for single-statement writes (a begun send, an outcome): the statements of this process that queue while
/// a group is under way go to the server together as one batch — one round trip, one implicit transaction, one commit —
/// and each caller gets its own statement's row count once that commit is done. Should the batch fail (a deadlock with
/// another host, a broken connection), every statement of it is run again on its own, so a failure belongs only to the
/// statement that caused it.
/// </summary>
internal sealed class PostgreSqlStatementQueue
{
    /// <summary>The most statements one batch takes; the rest go in the next.</summary>
    private const int MaxGroup = 128;

    private readonly PostgreSqlDatabase _database;
    private readonly GroupCommit<QueuedStatement> _group;
    private long _commits;

    public PostgreSqlStatementQueue(PostgreSqlDatabase database)
    {
        _database = database;
        _group = new GroupCommit<QueuedStatement>(CommitAsync, MaxGroup);
    }

    /// <summary>Gets how many batches were committed (for tests).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Runs <paramref name="statement"/> with the statements queued with it; returns its row count once committed.</summary>
    public Task<int> ExecuteAsync(NpgsqlBatchCommand statement, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<int>(cancellationToken);
        }

        var queued = new QueuedStatement(statement, cancellationToken);
        return _group.Add(queued, queued.Task);
    }

    private async Task CommitAsync(List<QueuedStatement> group)
    {
        group.RemoveAll(s => s.CancelIfRequested());
        if (group.Count == 0)
        {
            return;
        }

        try
        {
            await RunAsync(group).ConfigureAwait(false);
        }
        catch (Exception ex) when (group.Count > 1 && ex is NpgsqlException or InvalidOperationException)
        {
            // Nothing of the batch was committed: each statement again, alone, so each gets its own fate.
            foreach (var statement in group)
            {
                try
                {
                    await RunAsync([statement.Detached()]).ConfigureAwait(false);
                }
                catch (Exception single) when (single is NpgsqlException or InvalidOperationException)
                {
                    statement.Fail(single);
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var statement in group)
            {
                statement.Fail(ex);
            }
        }
    }

    private async Task RunAsync(List<QueuedStatement> group)
    {
        var connection = await _database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var batch = new NpgsqlBatch(connection);
            foreach (var statement in group)
            {
                batch.BatchCommands.Add(statement.Command);
            }

            await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _commits);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Complete(batch.BatchCommands[i].RecordsAffected);
            }

            // The commands belong to this batch until it is disposed; a retry takes copies.
            batch.BatchCommands.Clear();
        }
    }

    private sealed class QueuedStatement(NpgsqlBatchCommand command, CancellationToken cancellationToken) : IGroupWrite
    {
        private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public NpgsqlBatchCommand Command { get; private set; } = command;

        public Task<int> Task => _completion.Task;

        public bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        /// <summary>This statement with a fresh command (same text and parameters), for running it again on its own.</summary>
        public QueuedStatement Detached()
        {
            var copy = new NpgsqlBatchCommand(Command.CommandText);
            foreach (NpgsqlParameter parameter in Command.Parameters)
            {
                copy.Parameters.Add(parameter.Clone());
            }

            Command = copy;
            return this;
        }

        public void Complete(int rows) => _completion.TrySetResult(rows);

        public void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
