using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.TestSupport;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Sqlite.Tests;

/// <summary>The durable-store tests against one SQLite file per test class.</summary>
public sealed class SqliteDurableStoreTests(TempFolder folder) : DurableStoreTests, IClassFixture<TempFolder>
{
    private readonly string _connectionString = folder.NewDatabase("durable");

    protected override void UseStore(ICiceroNotificationsBuilder builder) => builder.UseSqliteStore(_connectionString);
}
