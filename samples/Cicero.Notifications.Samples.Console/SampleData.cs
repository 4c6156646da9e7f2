using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.Samples.Console;

/// <summary>The sample's data folder: the SQLite database and the printed messages.</summary>
internal static class SampleData
{
    /// <summary>The default folder, relative to the working directory (<c>dotnet run</c> runs in the project folder).</summary>
    public const string DefaultFolder = "cicero-sample-data";

    private const string DatabaseFileName = "notifications.db";
    private const string PrintedFolderName = "printed";

    public static string DatabasePath(string folder) => Path.Combine(folder, DatabaseFileName);

    public static string PrintedFolder(string folder) => Path.Combine(folder, PrintedFolderName);

    /// <summary>The connection string for <c>UseSqliteStore</c>: the database file; the store creates the folder and the schema.</summary>
    public static string ConnectionString(string folder) => new SqliteConnectionStringBuilder { DataSource = DatabasePath(folder) }.ToString();

    /// <summary>
    /// Deletes what the sample wrote — the database (with its WAL files) and the printed messages — and nothing else, so
    /// <c>--reset --data ~</c> cannot empty a home folder.
    /// </summary>
    public static void Reset(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        // Pooled connections keep the old file open; a new connection could reuse one and see the deleted database.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(DatabasePath(folder) + suffix);
        }

        if (Directory.Exists(PrintedFolder(folder)))
        {
            Directory.Delete(PrintedFolder(folder), recursive: true);
        }
    }
}
