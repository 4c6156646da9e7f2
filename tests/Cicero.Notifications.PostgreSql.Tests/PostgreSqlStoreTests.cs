using Cicero.Notifications.Domain;
using Cicero.Notifications.PostgreSql.Storage;
using Cicero.Notifications.PostgreSql.Tests.Support;
using Cicero.Notifications.Storage;
using Cicero.Notifications.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.PostgreSql.Tests;

/// <summary>What the PostgreSQL store does beyond the conformance suite: registration, schema, precision, privacy.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlStoreTests(PostgresServer server)
{
    [Fact]
    public async Task UsePostgreSqlStore_replaces_the_in_memory_stores()
    {
        var services = new ServiceCollection();

        services.AddCiceroNotifications(_ => { }).UsePostgreSqlStore(await server.NewSchemaAsync());

        await using var provider = services.BuildServiceProvider();
        (provider.GetRequiredService<IMessageStore>(), provider.GetRequiredService<IBorrowerProfileStore>())
            .Should().Match<(IMessageStore Messages, IBorrowerProfileStore Profiles)>(s => s.Messages is PostgreSqlMessageStore && s.Profiles is PostgreSqlBorrowerProfileStore);
    }

    [Fact]
    public void UsePostgreSqlStore_rejects_an_invalid_connection_string()
    {
        var builder = new ServiceCollection().AddCiceroNotifications(_ => { });

        var act = () => builder.UsePostgreSqlStore("Nonsense Keyword=1");

        act.Should().Throw<ArgumentException>().WithParameterName("connectionString");
    }

    [Fact]
    public async Task A_data_source_from_the_host_stays_open_when_the_container_is_disposed()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.NewSchemaAsync());
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { }).UsePostgreSqlStore(dataSource);
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<IMessageStore>().CountQueueAsync();
        }

        var act = async () => { await using var connection = await dataSource.OpenConnectionAsync(); };

        await act.Should().NotThrowAsync();
    }

    [Fact]
    public async Task The_store_names_its_server_database_and_schema_but_never_the_password_for_the_start_up_log()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await server.NewSchemaAsync()) { Password = "s3cret-pw", Database = "library" }.ConnectionString;
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);

        var description = new PostgreSqlMessageStore(database).ToString();

        description.Should().Be($"PostgreSQL store on {settings.Host}:{settings.Port}, database library, schema {settings.SearchPath}").And.NotContain("s3cret-pw");
    }

    [Fact]
    public async Task The_store_can_be_set_up_from_the_connection_strings_in_configuration()
    {
        var connectionString = await server.NewSchemaAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:CiceroNotifications"] = connectionString }).Build();
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { }).UsePostgreSqlStore(configuration);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IMessageStore>();
        await store.AddAsync([Pending(NewBorrower(), T0)], null);

        store.ToString().Should().EndWith($"schema {new NpgsqlConnectionStringBuilder(connectionString).SearchPath}");
        (await QueryAsync(connectionString, "SELECT count(*)::text FROM messages")).Should().Be("1");
    }

    [Fact]
    public void A_missing_connection_string_in_configuration_names_the_key()
    {
        var builder = new ServiceCollection().AddCiceroNotifications(_ => { });

        var act = () => builder.UsePostgreSqlStore(new ConfigurationBuilder().Build());

        act.Should().Throw<InvalidOperationException>().WithMessage("The PostgreSQL store reads its connection string from ConnectionStrings:CiceroNotifications, which is missing or empty*");
    }

    [Fact]
    public async Task Hosts_starting_at_once_create_the_schema_once_at_the_latest_version()
    {
        var connectionString = await server.NewSchemaAsync();
        var databases = Enumerable.Range(0, 4).Select(_ => new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true)).ToList();

        await Task.WhenAll(databases.Select(d => Task.Run(() => d.EnsureSchemaAsync(CancellationToken.None))));

        (await QueryAsync(connectionString, "SELECT count(*) || ':' || max(version) FROM schema_version")).Should().Be("9:9");
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_hosted_initializer_creates_the_schema_when_the_host_starts()
    {
        var connectionString = await server.NewSchemaAsync();
        await using var host = Host(connectionString);

        foreach (var service in host.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        (await QueryAsync(connectionString, "SELECT max(version)::text FROM schema_version")).Should().Be("9");
    }

    [Fact]
    public async Task A_version_4_database_finds_its_sent_messages_by_provider_id_after_migration()
    {
        var connectionString = await server.NewSchemaAsync();
        await QueryAsync(connectionString, "CREATE TABLE schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO schema_version (version) VALUES (1), (2), (3), (4)");
        await QueryAsync(connectionString, string.Concat(PostgreSqlSchema.Migrations.Take(4).Select(m => m.Sql)) + """
            INSERT INTO messages (id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, is_held,
                is_anonymized, is_dismissed, is_handled_manually, provider_message_id, history, version)
            VALUES ('00000000-0000-0000-0000-00000000000a', 'B-1', 'ReservationReady', 'Sms', 'da-DK', 1, now(), now(), 1, false, false, false, false, 'gw-7', '[]', 2);
            """);
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);
        await database.EnsureSchemaAsync(CancellationToken.None);
        var store = new PostgreSqlMessageStore(database);

        var found = await store.FindByProviderMessageIdAsync(Cicero.Notifications.Domain.Protocol.Sms, "gw-7");

        (found?.Version, (await store.ListUnmatchedReceiptsAsync(10)).Count).Should().Be((2L, 0));
    }

    [Fact]
    public async Task A_version_5_database_keeps_its_messages_without_a_notification_so_they_never_fall_back()
    {
        var connectionString = await server.NewSchemaAsync();
        await QueryAsync(connectionString, "CREATE TABLE schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO schema_version (version) VALUES (1), (2), (3), (4), (5)");
        await QueryAsync(connectionString, string.Concat(PostgreSqlSchema.Migrations.Take(5).Select(m => m.Sql)) + """
            INSERT INTO messages (id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, is_held,
                is_anonymized, is_dismissed, is_handled_manually, failure_kind, history, version)
            VALUES ('00000000-0000-0000-0000-00000000000a', 'B-1', 'ReservationReady', 'Sms', 'da-DK', 2, now(), now(), 1, false, false, false, false, 0, '[]', 2);
            """);
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);
        await database.EnsureSchemaAsync(CancellationToken.None);
        var store = new PostgreSqlMessageStore(database);
        var id = Cicero.Notifications.Domain.MessageId.From(Guid.Parse("00000000-0000-0000-0000-00000000000a"));

        var message = await store.GetAsync(id);

        (message!.NotificationId, (await store.ListByNotificationAsync(id)).Count).Should().Be((null, 0));
    }

    [Fact]
    public async Task A_version_6_database_keeps_its_messages_as_no_digest_of_no_branch_and_stores_digests_after_the_migration()
    {
        var connectionString = await server.NewSchemaAsync();
        await QueryAsync(connectionString, "CREATE TABLE schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO schema_version (version) VALUES (1), (2), (3), (4), (5), (6)");
        await QueryAsync(connectionString, string.Concat(PostgreSqlSchema.Migrations.Take(6).Select(m => m.Sql)) + """
            INSERT INTO messages (id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, next_attempt_at, is_held,
                is_anonymized, is_dismissed, is_handled_manually, body, history, version, notification_id)
            VALUES ('00000000-0000-0000-0000-00000000000b', 'B-1', 'DueDateReminder', 'Sms', 'da-DK', 0, now(), now(), 0, now(), false, false, false, false, 'Husk', '[]', 1, '00000000-0000-0000-0000-00000000000b');
            """);
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);
        await database.EnsureSchemaAsync(CancellationToken.None);
        var store = new PostgreSqlMessageStore(database);
        var old = await store.GetAsync(Cicero.Notifications.Domain.MessageId.From(Guid.Parse("00000000-0000-0000-0000-00000000000b")));
        var digest = (await store.AddAsync([Pending(NewBorrower(), T0, idempotencyKey: "loan-1").StartDigest()], "loan-1")).Messages[0];

        var joined = await store.TryAddToDigestAsync([digest.AddToDigest(T0.AddMinutes(1), "loan-2", Content("To lån"))], "loan-2");

        (old!.IsDigest, old.Branch, joined!.Messages[0].DigestItems.Length, (await store.GetAsync(digest.Id))!.DigestItems.Length).Should().Be((false, (string?)null, 2, 2));
    }

    [Fact]
    public async Task A_database_from_a_newer_version_of_the_package_is_refused()
    {
        var connectionString = await server.NewSchemaAsync();
        await using (var first = new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true))
        {
            await first.EnsureSchemaAsync(CancellationToken.None);
        }

        await QueryAsync(connectionString, "INSERT INTO schema_version (version) VALUES (99) RETURNING 'ok'");
        await using var second = new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);

        var act = () => second.EnsureSchemaAsync(CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*version 99*upgrade the package*");
    }

    [Fact]
    public async Task A_search_path_without_an_existing_schema_is_refused_with_what_to_do()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { SearchPath = "no_such_schema" }.ConnectionString;
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);

        var act = () => database.EnsureSchemaAsync(CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*create the schema*Search Path*");
    }

    [Fact]
    public async Task Times_finer_than_a_microsecond_are_returned_as_stored()
    {
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(await server.NewSchemaAsync()), ownsDataSource: true);
        var store = new PostgreSqlMessageStore(database);
        var created = T0.AddTicks(1234567);

        var added = (await store.AddAsync([Pending(NewBorrower(), created)], null)).Messages[0];

        (await store.GetAsync(added.Id)).Should().BeEquivalentTo(added);
    }

    [Fact]
    public async Task A_profile_with_times_finer_than_a_microsecond_is_returned_as_stored()
    {
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(await server.NewSchemaAsync()), ownsDataSource: true);
        var store = new PostgreSqlBorrowerProfileStore(database);
        var profile = BorrowerProfile.Create(NewBorrower()).AddContact(ContactPoint.ForEmail(Email, ContactPurpose.Notification, ContactSource.Manual, T0.AddTicks(7)));

        var saved = await store.TrySaveAsync(profile);

        (await store.GetAsync(profile.Id)).Should().BeEquivalentTo(saved);
    }

    [Fact]
    public async Task Anonymization_sets_every_personal_column_to_null_and_leaves_no_reason_in_the_history()
    {
        var connectionString = await server.NewSchemaAsync();
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);
        var store = new PostgreSqlMessageStore(database);
        await store.AddAsync([Sent(NewBorrower(), T0), FailedWithPlantedReasons(NewBorrower(), T0)], null);

        await store.AnonymizeBatchAsync(T0.AddDays(1), T0.AddDays(400), 10);

        (await QueryAsync(connectionString, "SELECT count(*)::text FROM messages WHERE num_nonnulls(recipient, recipient_kind, subject, body, html_body, template_data, failure_reason) > 0 OR NOT is_anonymized"))
            .Should().Be("0");
        (await QueryAsync(connectionString, "SELECT string_agg(history::text, ' ') FROM messages")).Should().NotContainAny("Hansen", "0707614285", "20123456");
    }

    [Fact]
    public async Task Hosts_anonymizing_at_once_anonymize_each_message_once()
    {
        var connectionString = await server.NewSchemaAsync();
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);
        var store = new PostgreSqlMessageStore(database);
        var borrower = NewBorrower();
        await store.AddAsync([.. Enumerable.Range(0, 200).Select(i => Sent(borrower, T0.AddSeconds(i)))], null);

        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var total = 0;
            int count;
            while ((count = await store.AnonymizeBatchAsync(T0.AddDays(1), T0.AddDays(400), 7)) > 0)
            {
                total += count;
            }

            return total;
        })));

        counts.Sum().Should().Be(200);
    }

    [Fact]
    public async Task The_store_logs_no_personal_data()
    {
        var collector = new FakeLogCollector();
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(await server.NewSchemaAsync()), ownsDataSource: true, new FakeLogger<PostgreSqlDatabase>(collector));
        var store = new PostgreSqlMessageStore(database, new FakeLogger<PostgreSqlMessageStore>(collector));
        await store.AddAsync([Pending(NewBorrower(), T0), Sent(NewBorrower(), T0)], null);
        var claimed = await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);
        await store.TryBeginSendAsync(claimed.Single().Message.Id, "host-a", T0, T0.AddMinutes(5));
        await store.ClaimDueAsync("host-b", T0.AddMinutes(6), T0.AddMinutes(11), 10, []);
        await store.AnonymizeBatchAsync(T0.AddDays(1), T0.AddDays(400), 10);

        var logged = collector.GetSnapshot().Select(r => r.Message + " " + string.Join(" ", r.StructuredState?.Select(kv => kv.Value) ?? [])).ToList();

        logged.Should().HaveCountGreaterThanOrEqualTo(3).And.AllSatisfy(line => line.Should().NotContainAny(Phone.Value, "2012", Email.Value, "Reservering", "klar", "Bogen", "127.0.0.1", "Username"));
    }

    private static ServiceProvider Host(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { }).UsePostgreSqlStore(connectionString);
        return services.BuildServiceProvider();
    }

    private static async Task<string?> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
