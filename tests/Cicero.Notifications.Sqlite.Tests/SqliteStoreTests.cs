using Cicero.Notifications.Domain;
using Cicero.Notifications.Sqlite.Storage;
using Cicero.Notifications.Storage;
using Cicero.Notifications.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Sqlite.Tests;

/// <summary>What the SQLite store does beyond the conformance suite: registration, schema, durability, privacy.</summary>
public sealed class SqliteStoreTests(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public void UseSqliteStore_replaces_the_in_memory_stores()
    {
        var services = new ServiceCollection();

        services.AddCiceroNotifications(_ => { }).UseSqliteStore(folder.NewDatabase());

        using var provider = services.BuildServiceProvider();
        (provider.GetRequiredService<IMessageStore>(), provider.GetRequiredService<IBorrowerProfileStore>())
            .Should().Match<(IMessageStore Messages, IBorrowerProfileStore Profiles)>(s => s.Messages is SqliteMessageStore && s.Profiles is SqliteBorrowerProfileStore);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=cicero;Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=notifications.db;Mode=ReadOnly")]
    [InlineData("Data Source=")]
    [InlineData("Nonsense Keyword=1")]
    public void UseSqliteStore_rejects_a_connection_string_that_is_not_a_writable_file(string connectionString)
    {
        var builder = new ServiceCollection().AddCiceroNotifications(_ => { });

        var act = () => builder.UseSqliteStore(connectionString);

        act.Should().Throw<ArgumentException>().WithParameterName("connectionString");
    }

    [Fact]
    public void UseSqliteStore_rejects_a_negative_busy_timeout()
    {
        var builder = new ServiceCollection().AddCiceroNotifications(_ => { });

        var act = () => builder.UseSqliteStore(folder.NewDatabase(), o => o.BusyTimeout = TimeSpan.FromSeconds(-1));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task The_schema_is_created_at_the_latest_version_in_wal_mode()
    {
        var connectionString = folder.NewDatabase();

        await new SqliteDatabase(connectionString).EnsureSchemaAsync(CancellationToken.None);

        Query(connectionString, "SELECT group_concat(version) FROM schema_version; PRAGMA journal_mode;").Should().Equal("1,2,3,4,5,6,7,8,9", "wal");
    }

    [Fact]
    public async Task A_version_1_database_is_migrated_to_the_latest_version_with_its_data_kept()
    {
        var connectionString = folder.NewDatabase();
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            Query(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT 'x'); INSERT INTO schema_version (version) VALUES (1); SELECT 1;");
            Query(connection, SqliteSchema.Migrations[0].Sql + " INSERT INTO idempotency_keys (key, message_ids, created_at) VALUES ('loan-42', x'00', 0); SELECT 1;");
        }

        await new SqliteDatabase(connectionString).EnsureSchemaAsync(CancellationToken.None);

        Query(connectionString, "SELECT group_concat(version) FROM schema_version; SELECT count(*) FROM idempotency_keys; SELECT count(*) FROM sqlite_master WHERE name IN ('ix_idempotency_keys_created', 'ix_messages_held');")
            .Should().Equal("1,2,3,4,5,6,7,8,9", "1", "2");
    }

    [Fact]
    public async Task A_version_3_database_counts_its_leased_messages_as_begun_sends()
    {
        var connectionString = DatabaseAtVersion(3, """
                INSERT INTO messages (id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, is_held,
                    is_anonymized, is_dismissed, is_handled_manually, history, version, lease_owner, lease_until, claim_count)
                VALUES (x'01', 'b', 't', 'Sms', 'da-DK', 0, 0, 0, 0, 0, 0, 0, 0, '[]', 1, 'host-a', 5, 1),
                       (x'02', 'b', 't', 'Sms', 'da-DK', 0, 0, 0, 0, 0, 0, 0, 0, '[]', 1, NULL, NULL, 0);
            """);

        await new SqliteDatabase(connectionString).EnsureSchemaAsync(CancellationToken.None);

        Query(connectionString, "SELECT group_concat(send_started, ',') FROM (SELECT send_started FROM messages ORDER BY id); SELECT count(*) FROM pragma_table_info('messages') WHERE name = 'claim_count';")
            .Should().Equal(["1,0", "0"], "a lease taken before version 4 may have begun its send, and claim_count is gone");
    }

    [Fact]
    public async Task A_version_4_database_finds_its_sent_messages_by_provider_id_after_migration()
    {
        var connectionString = DatabaseAtVersion(4, """
                INSERT INTO messages (id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, is_held,
                    is_anonymized, is_dismissed, is_handled_manually, provider_message_id, history, version)
                VALUES (x'0000000000000000000000000000000a', 'B-1', 'ReservationReady', 'Sms', 'da-DK', 1, 0, 0, 1, 0, 0, 0, 0, 'gw-7', '[]', 2);
            """);

        var database = new SqliteDatabase(connectionString);
        await database.EnsureSchemaAsync(CancellationToken.None);
        var store = new SqliteMessageStore(database);

        var found = await store.FindByProviderMessageIdAsync(Cicero.Notifications.Domain.Protocol.Sms, "gw-7");

        (found?.Version, (await store.ListUnmatchedReceiptsAsync(10)).Count).Should().Be((2L, 0));
    }

    [Fact]
    public async Task A_version_5_database_keeps_its_messages_without_a_notification_so_they_never_fall_back()
    {
        var connectionString = DatabaseAtVersion(5, """
                INSERT INTO messages (id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, is_held,
                    is_anonymized, is_dismissed, is_handled_manually, failure_kind, history, version)
                VALUES (x'0000000000000000000000000000000a', 'B-1', 'ReservationReady', 'Sms', 'da-DK', 2, 0, 0, 1, 0, 0, 0, 0, 0, '[]', 2);
            """);

        var database = new SqliteDatabase(connectionString);
        await database.EnsureSchemaAsync(CancellationToken.None);
        var store = new SqliteMessageStore(database);
        var id = Cicero.Notifications.Domain.MessageId.From(new Guid(Convert.FromHexString("0000000000000000000000000000000a"), bigEndian: true));

        var message = await store.GetAsync(id);

        (message!.NotificationId, (await store.ListByNotificationAsync(id)).Count).Should().Be((null, 0));
    }

    [Fact]
    public async Task A_version_6_database_keeps_its_messages_as_no_digest_of_no_branch_and_stores_digests_after_the_migration()
    {
        var connectionString = DatabaseAtVersion(6, """
                INSERT INTO messages (id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, next_attempt_at, is_held,
                    is_anonymized, is_dismissed, is_handled_manually, body, history, version, notification_id)
                VALUES (x'0000000000000000000000000000000b', 'B-1', 'DueDateReminder', 'Sms', 'da-DK', 0, 0, 0, 0, 0, 0, 0, 0, 0, 'Husk', '[]', 1, x'0000000000000000000000000000000b');
            """);

        var database = new SqliteDatabase(connectionString);
        await database.EnsureSchemaAsync(CancellationToken.None);
        var store = new SqliteMessageStore(database);
        var id = Cicero.Notifications.Domain.MessageId.From(new Guid(Convert.FromHexString("0000000000000000000000000000000b"), bigEndian: true));
        var old = await store.GetAsync(id);
        var digest = (await store.AddAsync([Pending(NewBorrower(), T0, idempotencyKey: "loan-1").StartDigest()], "loan-1")).Messages[0];

        var joined = await store.TryAddToDigestAsync([digest.AddToDigest(T0.AddMinutes(1), "loan-2", Content("To lån"))], "loan-2");

        (old!.IsDigest, old.Branch, joined!.Messages[0].DigestItems.Length, (await store.GetAsync(digest.Id))!.DigestItems.Length).Should().Be((false, (string?)null, 2, 2));
    }

    /// <summary>A new database with the schema of <paramref name="version"/> (its migrations applied and recorded) and <paramref name="sql"/> run on it.</summary>
    private string DatabaseAtVersion(int version, string sql)
    {
        var connectionString = folder.NewDatabase();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var versions = string.Join(", ", Enumerable.Range(1, version).Select(v => $"({v})"));
        Query(connection, $"CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT 'x'); INSERT INTO schema_version (version) VALUES {versions}; SELECT 1;");
        Query(connection, string.Concat(SqliteSchema.Migrations.Take(version).Select(m => m.Sql)) + sql + " SELECT 1;");
        return connectionString;
    }

    [Fact]
    public async Task Hosts_starting_at_once_create_the_schema_once()
    {
        var connectionString = folder.NewDatabase();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new SqliteDatabase(connectionString).EnsureSchemaAsync(CancellationToken.None))));

        Query(connectionString, "SELECT count(*) || ':' || max(version) FROM schema_version;").Should().Equal("9:9");
    }

    [Fact]
    public async Task The_hosted_initializer_creates_the_schema_when_the_host_starts()
    {
        var connectionString = folder.NewDatabase();
        await using var host = Host(connectionString);

        foreach (var service in host.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        Query(connectionString, "SELECT max(version) FROM schema_version;").Should().Equal("9");
    }

    [Fact]
    public async Task A_database_from_a_newer_version_of_the_package_is_refused()
    {
        var connectionString = folder.NewDatabase();
        await new SqliteDatabase(connectionString).EnsureSchemaAsync(CancellationToken.None);
        Query(connectionString, "INSERT INTO schema_version (version) VALUES (99); SELECT 1;");

        var act = () => new SqliteDatabase(connectionString).EnsureSchemaAsync(CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*version 99*upgrade the package*");
    }

    [Theory]
    [InlineData(true, "2")]
    [InlineData(false, "1")]
    public async Task Durable_commits_choose_the_synchronous_mode(bool durable, string synchronous)
    {
        var database = new SqliteDatabase(folder.NewDatabase(), new SqliteStoreOptions { DurableCommits = durable });

        using var connection = await database.OpenAsync(CancellationToken.None);

        Query(connection, "PRAGMA synchronous;").Should().Equal(synchronous);
    }

    [Fact]
    public async Task Anonymization_sets_every_personal_column_to_null_and_leaves_no_reason_in_the_history()
    {
        var connectionString = folder.NewDatabase();
        var store = new SqliteMessageStore(new SqliteDatabase(connectionString));
        await store.AddAsync([Sent(NewBorrower(), T0), FailedWithPlantedReasons(NewBorrower(), T0)], null);

        await store.AnonymizeBatchAsync(T0.AddDays(1), T0.AddDays(400), 10);

        Query(connectionString, "SELECT count(*) FROM messages WHERE coalesce(recipient, recipient_kind, subject, body, html_body, template_data, failure_reason) IS NOT NULL OR is_anonymized = 0;")
            .Should().Equal("0");
        Query(connectionString, "SELECT group_concat(history) FROM messages;").Single().Should().NotContainAny("Hansen", "0707614285", "20123456");
    }

    [Fact]
    public async Task The_stored_history_holds_no_personal_data()
    {
        var connectionString = folder.NewDatabase();
        var store = new SqliteMessageStore(new SqliteDatabase(connectionString));
        await store.AddAsync([Sent(NewBorrower(), T0)], null);

        var history = Query(connectionString, "SELECT history FROM messages;").Single();

        history.Should().NotContainAny(Phone.Value, "2012", "Reservering", "klar", "Bogen");
    }

    [Fact]
    public void The_store_names_its_full_database_path_for_the_start_up_log()
    {
        var connectionString = folder.NewDatabase();

        var store = new SqliteMessageStore(new SqliteDatabase(connectionString));

        store.ToString().Should().Be($"SQLite store at {Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource)}");
    }

    [Fact]
    public async Task The_store_logs_no_personal_data()
    {
        var collector = new FakeLogCollector();
        var database = new SqliteDatabase(folder.NewDatabase(), logger: new FakeLogger<SqliteDatabase>(collector));
        var store = new SqliteMessageStore(database, new FakeLogger<SqliteMessageStore>(collector));
        await store.AddAsync([Pending(NewBorrower(), T0), Sent(NewBorrower(), T0)], null);
        var claimed = await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);
        await store.TryBeginSendAsync(claimed.Single().Message.Id, "host-a", T0, T0.AddMinutes(5));
        await store.ClaimDueAsync("host-b", T0.AddMinutes(6), T0.AddMinutes(11), 10, []);
        await store.AnonymizeBatchAsync(T0.AddDays(1), T0.AddDays(400), 10);

        var logged = collector.GetSnapshot().Select(r => r.Message + " " + string.Join(" ", r.StructuredState?.Select(kv => kv.Value) ?? [])).ToList();

        logged.Should().HaveCountGreaterThanOrEqualTo(3).And.AllSatisfy(line => line.Should().NotContainAny(Phone.Value, "2012", Email.Value, "Reservering", "klar", "Bogen", folder.Path));
    }

    private static ServiceProvider Host(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { }).UseSqliteStore(connectionString);
        return services.BuildServiceProvider();
    }

    private static List<string> Query(string connectionString, string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        return Query(connection, sql);
    }

    private static List<string> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        do
        {
            while (reader.Read())
            {
                values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }
        while (reader.NextResult());

        return values;
    }
}
