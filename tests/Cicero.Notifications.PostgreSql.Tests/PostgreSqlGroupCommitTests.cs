using Cicero.Notifications.Domain;
using Cicero.Notifications.PostgreSql.Storage;
using Cicero.Notifications.PostgreSql.Tests.Support;
using Cicero.Notifications.TestSupport;
using Npgsql;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.PostgreSql.Tests;

/// <summary>
/// Group commit of single-statement writes: begun sends and outcomes that queue while a batch is under way go to the
/// server together, one round trip and one commit; each keeps its own version check, and a batch that fails is run again
/// statement by statement, so a failure belongs only to the statement that caused it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlGroupCommitTests(PostgresServer server)
{
    [Fact]
    public async Task Outcomes_queued_behind_a_batch_are_committed_together_each_with_its_own_version_check()
    {
        var connectionString = await server.NewSchemaAsync();
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);
        var store = new PostgreSqlMessageStore(database);
        var stored = (await store.AddManyAsync([.. Enumerable.Range(0, 20).Select(_ => new Cicero.Notifications.Storage.MessagesToAdd([Pending(NewBorrower(), T0)], null))]))
            .Select(r => r.Messages[0]).ToList();
        await using var blocker = await HoldAdvisoryLockAsync(connectionString);
        var held = store.Statements.ExecuteAsync(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(4242)"), CancellationToken.None);
        await WaitUntilWaitingForLockAsync(connectionString);
        var before = store.Statements.Commits;

        var updates = stored.Select(m => store.TryUpdateAsync(m.ScheduleRetry(T0, "Provider busy", T0.AddMinutes(1)))).ToList();
        var conflict = store.TryUpdateAsync(stored[1].MarkDelivered(T0));
        await blocker.DisposeAsync();
        await held;
        var results = await Task.WhenAll(updates);

        results.Should().OnlyContain(m => m != null && m.Version == 2);
        (await conflict).Should().BeNull("the same message's update earlier in the batch changed its version");
        (store.Statements.Commits - before).Should().Be(2, "the held statement, then the 21 queued behind it in one batch");
    }

    [Fact]
    public async Task A_statement_that_fails_in_a_batch_fails_alone()
    {
        var connectionString = await server.NewSchemaAsync();
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);
        var store = new PostgreSqlMessageStore(database);
        var stored = (await store.AddAsync([Pending(NewBorrower(), T0), Pending(NewBorrower(), T0)], null)).Messages;
        var queue = new PostgreSqlStatementQueue(database);
        await using var blocker = await HoldAdvisoryLockAsync(connectionString);
        var held = queue.ExecuteAsync(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(4242)"), CancellationToken.None);
        await WaitUntilWaitingForLockAsync(connectionString);

        var good = queue.ExecuteAsync(Touch(stored[0].Id), CancellationToken.None);
        var bad = queue.ExecuteAsync(new NpgsqlBatchCommand("SELECT 1 / 0"), CancellationToken.None);
        var alsoGood = queue.ExecuteAsync(Touch(stored[1].Id), CancellationToken.None);
        await blocker.DisposeAsync();
        await held;

        (await good, await alsoGood).Should().Be((1, 1));
        await bad.Invoking(t => t).Should().ThrowAsync<PostgresException>().Where(e => e.SqlState == PostgresErrorCodes.DivisionByZero);
        (await store.GetAsync(stored[1].Id))!.Version.Should().Be(2);
    }

    private static NpgsqlBatchCommand Touch(MessageId id)
    {
        var command = new NpgsqlBatchCommand("UPDATE messages SET version = version + 1 WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id.Value });
        return command;
    }

    /// <summary>Takes advisory lock 4242 on a connection of its own; the first statement of the queue waits for it.</summary>
    private static async Task<NpgsqlConnection> HoldAdvisoryLockAsync(string connectionString)
    {
        // Not pooled: closing it ends the session, and with it the lock.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(4242)", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Waits until a backend waits for advisory lock 4242: the queue's first batch is then under way.</summary>
    private static async Task WaitUntilWaitingForLockAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND NOT granted", connection);
        for (var attempt = 0; attempt < 1000 && Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0; attempt++)
        {
            await Task.Yield();
        }
    }
}
