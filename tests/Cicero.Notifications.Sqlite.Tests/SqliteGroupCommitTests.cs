using Cicero.Notifications.Domain;
using Cicero.Notifications.Sqlite.Storage;
using Cicero.Notifications.Storage;
using Cicero.Notifications.TestSupport;
using Microsoft.Data.Sqlite;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Sqlite.Tests;

/// <summary>
/// Group commit: writes queued while a commit is under way are committed together, each in a savepoint of its own — one
/// that throws or loses its version check fails alone, a commit that fails fails them all, and nothing returns before
/// its commit.
/// </summary>
public sealed class SqliteGroupCommitTests(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task Writes_queued_behind_a_commit_are_committed_together_and_each_gets_its_own_result()
    {
        var (database, store) = await StoreAsync();
        var stored = (await store.AddAsync([.. Enumerable.Range(0, 20).Select(_ => Pending(NewBorrower(), T0))], null)).Messages;
        var before = database.Commits;

        var (queued, release) = await HoldTheWriterAsync(database);
        var updates = stored.Select(m => store.TryUpdateAsync(m.ScheduleRetry(T0, "Provider busy", T0.AddMinutes(1)))).ToList();
        release();
        var results = await Task.WhenAll(updates);
        await queued;

        results.Should().OnlyContain(m => m != null && m.Version == 2);
        (database.Commits - before).Should().Be(2, "the held write, then the 20 updates in one transaction");
        (await store.GetAsync(stored[7].Id))!.AttemptCount.Should().Be(1);
    }

    [Fact]
    public async Task Two_updates_of_one_message_in_one_group_keep_the_version_check()
    {
        var (database, store) = await StoreAsync();
        var stored = (await store.AddAsync([Pending(NewBorrower(), T0)], null)).Messages[0];

        var (queued, release) = await HoldTheWriterAsync(database);
        var first = store.TryUpdateAsync(stored.ScheduleRetry(T0, "First", T0.AddMinutes(1)));
        var second = store.TryUpdateAsync(stored.MarkDelivered(T0));
        release();
        await queued;

        (await first, await second).Should().Match<(Message? First, Message? Second)>(r => r.First != null && r.Second == null);
        (await store.GetAsync(stored.Id))!.Status.Should().Be(MessageStatus.Pending);
    }

    [Fact]
    public async Task A_write_that_throws_in_a_group_is_rolled_back_and_fails_alone()
    {
        var (database, store) = await StoreAsync();
        var (queued, release) = await HoldTheWriterAsync(database);
        var before = Pending(NewBorrower(), T0);
        var duplicate = Pending(NewBorrower(), T0);
        var after = Pending(NewBorrower(), T0);

        var adds = new[] { store.AddAsync([before], null), store.AddAsync([duplicate, duplicate], null), store.AddAsync([after], null) };
        release();
        await queued;

        (await adds[0]).Messages.Should().ContainSingle();
        await adds[1].Invoking(t => t).Should().ThrowAsync<InvalidOperationException>().WithMessage($"Message {duplicate.Id} is already stored; nothing of this batch was added.");
        (await adds[2]).Messages.Should().ContainSingle();
        (await store.GetAsync(duplicate.Id)).Should().BeNull("the failed write's first row was rolled back with its savepoint");
        (await store.GetAsync(after.Id)).Should().NotBeNull();
    }

    [Fact]
    public async Task A_commit_that_fails_fails_every_write_of_its_group_and_stores_none()
    {
        // Foreign keys on, and a deferred one that only the commit checks: the commit of the group fails.
        var database = new SqliteDatabase(folder.NewDatabase() + ";Foreign Keys=True");
        var store = new SqliteMessageStore(database);
        await database.WriteAsync((c, t) => Execute(c, t, "CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);"), CancellationToken.None);
        var (queued, release) = await HoldTheWriterAsync(database);
        var message = Pending(NewBorrower(), T0);

        var add = store.AddAsync([message], null);
        var orphan = database.WriteAsync((c, t) => Execute(c, t, "INSERT INTO child (parent_id) VALUES (42);"), CancellationToken.None);
        release();
        await queued;

        await add.Invoking(t => t).Should().ThrowAsync<SqliteException>();
        await orphan.Invoking(t => t).Should().ThrowAsync<SqliteException>();
        (await store.GetAsync(message.Id)).Should().BeNull();
    }

    [Fact]
    public async Task A_write_whose_caller_gave_up_while_it_waited_is_not_run()
    {
        var (database, store) = await StoreAsync();
        var (queued, release) = await HoldTheWriterAsync(database);
        using var cancel = new CancellationTokenSource();
        var message = Pending(NewBorrower(), T0);

        var add = store.AddAsync([message], null, cancel.Token);
        await cancel.CancelAsync();
        release();
        await queued;

        await add.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        (await store.GetAsync(message.Id)).Should().BeNull();
    }

    [Fact]
    public async Task A_bulk_add_is_one_commit_and_an_entry_that_fails_stores_none_of_the_batch()
    {
        var (database, store) = await StoreAsync();
        var before = database.Commits;
        var batch = Enumerable.Range(0, 300).Select(i => new MessagesToAdd([Pending(NewBorrower(), T0)], $"key-{i}")).ToList();
        await store.AddManyAsync(batch);
        var afterOne = database.Commits;
        var duplicate = Pending(NewBorrower(), T0);
        var broken = new List<MessagesToAdd> { new([Pending(NewBorrower(), T0)], "next-1"), new([duplicate, duplicate], "next-2") };

        await store.Invoking(s => s.AddManyAsync(broken)).Should().ThrowAsync<InvalidOperationException>();

        (afterOne - before).Should().Be(1);
        (await store.GetAsync(broken[0].Messages[0].Id)).Should().BeNull("the batch is stored whole or not at all");
        (await store.AddAsync([Pending(NewBorrower(), T0)], "next-1")).IsDuplicate.Should().BeFalse();
    }

    private async Task<(SqliteDatabase Database, SqliteMessageStore Store)> StoreAsync()
    {
        var database = new SqliteDatabase(folder.NewDatabase());
        await database.EnsureSchemaAsync(CancellationToken.None);
        return (database, new SqliteMessageStore(database));
    }

    /// <summary>Starts a write that holds the writer until released, so the writes queued meanwhile form the next group.</summary>
    private static async Task<(Task Held, Action Release)> HoldTheWriterAsync(SqliteDatabase database)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new ManualResetEventSlim();
        var held = Task.Run(() => database.WriteAsync((_, _) =>
        {
            started.SetResult();
            gate.Wait();
            return 0;
        }, CancellationToken.None));
        await started.Task;
        return (held, gate.Set);
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
