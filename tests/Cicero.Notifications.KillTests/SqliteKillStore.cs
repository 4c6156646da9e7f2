using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.KillTests;

/// <summary>One SQLite file; ids are 16-byte big-endian BLOBs.</summary>
internal sealed class SqliteKillStore(string file) : KillStore
{
    public override IReadOnlyList<string> HostArguments => ["sqlite", file];

    public override string IntegrityCheck => "PRAGMA integrity_check";

    public override async Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new SqliteCommand(MessagesSql, connection);
        return await ReadAsync(command, r => new Guid(r.GetFieldValue<byte[]>(0), bigEndian: true));
    }

    public override async Task<string> CheckIntegrityAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new SqliteCommand("PRAGMA integrity_check", connection);
        var problems = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            problems.Add(reader.GetString(0));
        }

        return string.Join('\n', problems);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
