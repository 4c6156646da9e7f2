using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.TestSupport;

/// <summary>
/// A temporary folder that does not exist until something creates it (<see cref="NewDatabase"/> does, as does code that
/// makes its own data folder), deleted with everything in it on <see cref="Dispose"/>. One per test (<c>using</c>) or
/// per test class (<c>IClassFixture&lt;TempFolder&gt;</c>).
/// </summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cicero-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Creates the folder and returns a connection string for a new SQLite database file in it.</summary>
    public string NewDatabase(string name = "")
    {
        Directory.CreateDirectory(Path);
        return $"Data Source={System.IO.Path.Combine(Path, (name.Length == 0 ? Guid.NewGuid().ToString("N") : name) + ".db")}";
    }

    public void Dispose()
    {
        // Pooled SQLite connections keep the database files open (which blocks deleting them on Windows).
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
