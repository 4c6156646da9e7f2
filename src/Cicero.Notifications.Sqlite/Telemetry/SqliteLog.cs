using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.Sqlite.Telemetry;

/// <summary>
/// Log messages of the SQLite store (event ids 200–219, stable). Parameters are versions and counts only: never the
/// connection string, file paths, addresses or message content.
/// </summary>
internal static partial class SqliteLog
{
    [LoggerMessage(EventId = 200, EventName = "SqliteSchemaMigrated", Level = LogLevel.Information,
        Message = "SQLite store schema migrated from version {FromVersion} to {ToVersion}")]
    public static partial void SchemaMigrated(ILogger logger, int fromVersion, int toVersion);

    [LoggerMessage(EventId = 201, EventName = "SqliteSchemaUpToDate", Level = LogLevel.Debug,
        Message = "SQLite store schema is at version {Version}")]
    public static partial void SchemaUpToDate(ILogger logger, int version);

    [LoggerMessage(EventId = 202, EventName = "SqliteLeasesReclaimed", Level = LogLevel.Information,
        Message = "SQLite store reclaimed {Count} message(s) whose send began and whose lease expired without an outcome (in flight)")]
    public static partial void LeasesReclaimed(ILogger logger, int count);

    [LoggerMessage(EventId = 203, EventName = "SqliteMessagesAnonymized", Level = LogLevel.Debug,
        Message = "SQLite store anonymized {Count} message(s) in one batch")]
    public static partial void MessagesAnonymized(ILogger logger, int count);
}
