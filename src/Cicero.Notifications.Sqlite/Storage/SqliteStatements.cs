using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.Sqlite.Storage;

/// <summary>
/// Prepared statements of the write connection, kept for its lifetime: the hot writes (a begun send, an outcome) are
/// prepared once instead of once per write. Only for the connection <see cref="SqliteWriteQueue"/> keeps open.
/// </summary>
internal static class SqliteStatements
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, (SqliteCommand Command, SqliteParameter[] Parameters)>> Cache = [];

    /// <summary>
    /// Returns the connection's command for <paramref name="sql"/>, in <paramref name="transaction"/>, with the parameters
    /// <paramref name="create"/> added when the command was made; the caller sets their values and must not dispose it.
    /// </summary>
    public static (SqliteCommand Command, SqliteParameter[] Parameters) Get(SqliteConnection connection, SqliteTransaction transaction, string sql, Func<SqliteCommand, SqliteParameter[]> create)
    {
        var commands = Cache.GetValue(connection, static _ => new(StringComparer.Ordinal));
        if (!commands.TryGetValue(sql, out var prepared))
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            prepared = (command, create(command));
            commands.Add(sql, prepared);
        }

        prepared.Command.Transaction = transaction;
        return prepared;
    }
}
