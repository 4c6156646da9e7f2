using System.Data.Common;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.KillTests;

/// <summary>The database the children share, read directly (not through the library) once they are done.</summary>
internal abstract class KillStore
{
    protected const string MessagesSql = "SELECT id, protocol, status, failure_kind, idempotency_key FROM messages";

    /// <summary>Gets the store's part of the host's command line: <c>sqlite &lt;file&gt;</c> or <c>postgres &lt;connection string&gt;</c>.</summary>
    public abstract IReadOnlyList<string> HostArguments { get; }

    /// <summary>Gets how <see cref="CheckIntegrityAsync"/> checks, for the report.</summary>
    public abstract string IntegrityCheck { get; }

    /// <summary>Reads every message row.</summary>
    public abstract Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync();

    /// <summary>Checks the database's own consistency: <c>ok</c>, or what is wrong.</summary>
    public abstract Task<string> CheckIntegrityAsync();

    protected static async Task<IReadOnlyList<StoredMessage>> ReadAsync(DbCommand command, Func<DbDataReader, Guid> id)
    {
        var messages = new List<StoredMessage>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            messages.Add(new StoredMessage(
                id(reader),
                reader.GetString(1),
                (MessageStatus)Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(3) ? null : (MessageFailureKind)Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return messages;
    }
}
