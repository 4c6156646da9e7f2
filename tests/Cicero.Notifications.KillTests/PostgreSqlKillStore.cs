using Npgsql;

namespace Cicero.Notifications.KillTests;

/// <summary>A PostgreSQL schema (the connection string's search path); its B-tree indexes are checked against their tables with amcheck.</summary>
internal sealed class PostgreSqlKillStore(string connectionString) : KillStore
{
    public override IReadOnlyList<string> HostArguments => ["postgres", connectionString];

    public override string IntegrityCheck => "amcheck bt_index_check(heapallindexed) on every index";

    public override async Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(MessagesSql, connection);
        return await ReadAsync(command, r => r.GetGuid(0));
    }

    public override async Task<string> CheckIntegrityAsync()
    {
        await using var connection = await OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS amcheck", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var check = new NpgsqlCommand("""
            SELECT c.relname, bt_index_check(c.oid, true)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_am a ON a.oid = c.relam
            WHERE c.relnamespace = current_schema()::regnamespace AND a.amname = 'btree'
            """, connection);
        try
        {
            var indexes = 0;
            await using var reader = await check.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes++;
            }

            return indexes > 0 ? "ok" : "no index was checked";
        }
        catch (PostgresException ex)
        {
            return ex.MessageText;
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
