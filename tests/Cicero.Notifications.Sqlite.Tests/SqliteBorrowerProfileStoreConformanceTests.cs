using Cicero.Notifications.Sqlite.Storage;
using Cicero.Notifications.Storage;
using Cicero.Notifications.TestSupport;
using Cicero.Notifications.Testing;

namespace Cicero.Notifications.Sqlite.Tests;

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
