namespace Cicero.Notifications.Sqlite;

/// <summary>Options of the SQLite store (see <c>UseSqliteStore</c>).</summary>
public class SqliteStoreOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether every commit is flushed to disk before it returns
    /// (<c>PRAGMA synchronous = FULL</c>): a message is on disk when <c>NotifyAsync</c> returns, even across a power loss.
    /// When <see langword="false"/> (<c>synchronous = NORMAL</c>, safe in WAL mode) commits are many times faster and
    /// survive a crash of the process, but the last ones may roll back after a power loss or an operating-system crash.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DurableCommits { get; set; } = true;

    /// <summary>
    /// Gets or sets how long a write waits for the database's write lock, held by another process sharing the file,
    /// before it fails. Writers in one process queue for the lock without polling.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
