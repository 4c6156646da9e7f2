using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.PostgreSql.Storage;
using Cicero.Notifications.PostgreSql.Tests.Support;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Storage.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Cicero.Notifications.PostgreSql.Tests;

/// <summary>The store conformance suite against the PostgreSQL message store: a fresh schema per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlMessageStoreConformanceTests(PostgresServer server) : MessageStoreConformanceTests, IAsyncLifetime
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override async Task<IMessageStore> CreateStoreAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await server.NewSchemaAsync());
        _dataSources.Add(dataSource);
        return new PostgreSqlMessageStore(new PostgreSqlDatabase(dataSource, ownsDataSource: false));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }
}

/// <summary>The store conformance suite against the PostgreSQL profile store: a fresh schema per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlBorrowerProfileStoreConformanceTests(PostgresServer server) : BorrowerProfileStoreConformanceTests, IAsyncLifetime
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override async Task<IBorrowerProfileStore> CreateStoreAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await server.NewSchemaAsync());
        _dataSources.Add(dataSource);
        return new PostgreSqlBorrowerProfileStore(new PostgreSqlDatabase(dataSource, ownsDataSource: false));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }
}

/// <summary>Four hosts share one PostgreSQL schema, each with its own connection pool (as separate processes would).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlDispatcherConcurrencyTests(PostgresServer server, ITestOutputHelper output) : DispatcherConcurrencyTests(output), IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await server.NewSchemaAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected override void UseStore(ICiceroNotificationsBuilder builder) => builder.UsePostgreSqlStore(_connectionString);
}
