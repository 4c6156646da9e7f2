using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.Sqlite.Storage;

/// <summary>A write in progress: a connection with an IMMEDIATE transaction and this process's write turn. Disposing it without <see cref="Commit"/> rolls back.</summary>
internal sealed class SqliteWrite(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim writeLock) : IDisposable
{
    private bool _disposed;

    public SqliteConnection Connection { get; } = connection;

    public SqliteTransaction Transaction { get; } = transaction;

    public void Commit() => Transaction.Commit();

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Transaction.Dispose();
            Connection.Dispose();
        }
        finally
        {
            writeLock.Release();
        }
    }
}
