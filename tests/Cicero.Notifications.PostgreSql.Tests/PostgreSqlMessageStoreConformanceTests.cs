using Cicero.Notifications.PostgreSql.Storage;
using Cicero.Notifications.PostgreSql.Tests.Support;
using Cicero.Notifications.Storage;
using Cicero.Notifications.TestSupport;
using Cicero.Notifications.Testing;
using Npgsql;

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
