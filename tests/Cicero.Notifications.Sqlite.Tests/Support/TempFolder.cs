using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.Sqlite.Tests.Support;

/// <summary>A temporary folder per test class, deleted (with its database files) when the class is done.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cicero-sqlite-").FullName;

    /// <summary>Returns a connection string for a new database file in the folder.</summary>
    public string NewDatabase(string name = "") => $"Data Source={System.IO.Path.Combine(Path, (name.Length == 0 ? Guid.NewGuid().ToString("N") : name) + ".db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
