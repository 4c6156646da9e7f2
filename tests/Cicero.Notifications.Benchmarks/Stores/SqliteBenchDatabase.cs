using System.Globalization;
using Cicero.Notifications.DependencyInjection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>SQLite files in a temporary folder (deleted at the end), in WAL mode with the store's default, durable commits.</summary>
internal sealed class SqliteBenchDatabase : BenchDatabase
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cicero-bench-");
    private int _files;

    public override string Name => "SQLite (file, WAL, durable commits)";

    public override string Label => "sqlite";

    public override void UseStore(ICiceroNotificationsBuilder builder, string connectionString) => builder.UseSqliteStore(connectionString);

    public override async Task<RawStore> OpenRawAsync(string connectionString) => await SqliteRawStore.OpenAsync(connectionString);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    protected override Task<string> NewLocationAsync()
    {
        var file = Path.Combine(_folder.FullName, string.Create(CultureInfo.InvariantCulture, $"notifications-{++_files}.db"));
        return Task.FromResult(new SqliteConnectionStringBuilder { DataSource = file }.ToString());
    }
}
