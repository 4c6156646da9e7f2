using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.Sqlite.Storage;
using Cicero.Notifications.Sqlite.Tests.Support;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Storage.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cicero.Notifications.Sqlite.Tests;

/// <summary>The store conformance suite against the SQLite message store: a new database file per test.</summary>
public sealed class SqliteMessageStoreConformanceTests(TempFolder folder) : MessageStoreConformanceTests, IClassFixture<TempFolder>
{
    protected override async Task<IMessageStore> CreateStoreAsync()
    {
        var database = new SqliteDatabase(folder.NewDatabase());
        await database.EnsureSchemaAsync(CancellationToken.None);
        return new SqliteMessageStore(database);
    }
}

/// <summary>The store conformance suite against the SQLite profile store: a new database file per test.</summary>
public sealed class SqliteBorrowerProfileStoreConformanceTests(TempFolder folder) : BorrowerProfileStoreConformanceTests, IClassFixture<TempFolder>
{
    protected override async Task<IBorrowerProfileStore> CreateStoreAsync()
    {
        var database = new SqliteDatabase(folder.NewDatabase());
        await database.EnsureSchemaAsync(CancellationToken.None);
        return new SqliteBorrowerProfileStore(database);
    }
}

/// <summary>
/// Four hosts share one SQLite file. Commits are not flushed to disk here (<see cref="SqliteStoreOptions.DurableCommits"/>
/// off): the test is about exclusion between hosts, and 40 000 fsyncs would only measure the disk.
/// </summary>
public sealed class SqliteDispatcherConcurrencyTests(TempFolder folder, ITestOutputHelper output) : DispatcherConcurrencyTests(output), IClassFixture<TempFolder>
{
    private readonly string _connectionString = folder.NewDatabase("shared");

    protected override void UseStore(ICiceroNotificationsBuilder builder) => builder.UseSqliteStore(_connectionString, o => o.DurableCommits = false);
}
