using Cicero.Notifications.DependencyInjection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cicero.Notifications.KillTests.Host;

/// <summary>The store every child process shares: a SQLite file or a PostgreSQL connection string.</summary>
/// <param name="Kind">SQLite or PostgreSQL.</param>
/// <param name="Target">The SQLite file, or the PostgreSQL connection string (its search path names the schema).</param>
internal sealed record StoreTarget(StoreKind Kind, string Target)
{
    /// <summary>Registers the store as a host does: <c>UseSqliteStore</c> (durable commits) or <c>UsePostgreSqlStore</c>.</summary>
    public void Use(ICiceroNotificationsBuilder builder)
    {
        if (Kind == StoreKind.Sqlite)
        {
            builder.UseSqliteStore(new SqliteConnectionStringBuilder { DataSource = Target }.ConnectionString);
        }
        else
        {
            builder.UsePostgreSqlStore(Target);
        }
    }

    /// <summary>Counts the Pending messages in the database itself (the drain's stop condition).</summary>
    public async Task<long> CountPendingAsync()
    {
        const string Sql = "SELECT count(*) FROM messages WHERE status = 0"; // MessageStatus.Pending
        if (Kind == StoreKind.Sqlite)
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Target, Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new SqliteCommand(Sql, connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        await using var pg = new NpgsqlConnection(Target);
        await pg.OpenAsync();
        await using var count = new NpgsqlCommand(Sql, pg);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
