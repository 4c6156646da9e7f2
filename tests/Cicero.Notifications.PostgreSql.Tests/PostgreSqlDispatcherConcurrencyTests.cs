using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.PostgreSql.Tests.Support;
using Cicero.Notifications.TestSupport;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cicero.Notifications.PostgreSql.Tests;

/// <summary>Four hosts share one PostgreSQL schema, each with its own connection pool (as separate processes would).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlDispatcherConcurrencyTests(PostgresServer server, ITestOutputHelper output) : DispatcherConcurrencyTests(output), IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await server.NewSchemaAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected override void UseStore(ICiceroNotificationsBuilder builder) => builder.UsePostgreSqlStore(_connectionString);
}
