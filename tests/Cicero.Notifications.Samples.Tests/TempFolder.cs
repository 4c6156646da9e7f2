using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.Samples.Tests;

/// <summary>A fresh data folder for one test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cicero-sample-tests", Guid.NewGuid().ToString("N"));
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            // Pooled SQLite connections keep the database open (which blocks deleting it on Windows).
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path, recursive: true);
        }
    }
}
