using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.TestSupport;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cicero.Notifications.Sqlite.Tests;

/// <summary>
/// Four hosts share one SQLite file, with the default options (every commit flushed to disk).
/// </summary>
public sealed class SqliteDispatcherConcurrencyTests(TempFolder folder, ITestOutputHelper output) : DispatcherConcurrencyTests(output), IClassFixture<TempFolder>
{
    private readonly string _connectionString = folder.NewDatabase("shared");

    protected override void UseStore(ICiceroNotificationsBuilder builder) => builder.UseSqliteStore(_connectionString);
}
