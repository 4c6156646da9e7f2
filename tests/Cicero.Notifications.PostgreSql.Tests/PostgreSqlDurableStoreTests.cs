using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.PostgreSql.Tests.Support;
using Cicero.Notifications.TestSupport;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.PostgreSql.Tests;

/// <summary>The durable-store tests against a PostgreSQL schema of their own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlDurableStoreTests(PostgresServer server) : DurableStoreTests, IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await server.NewSchemaAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected override void UseStore(ICiceroNotificationsBuilder builder) => builder.UsePostgreSqlStore(_connectionString);
}
