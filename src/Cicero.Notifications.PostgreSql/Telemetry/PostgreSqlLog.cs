using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.PostgreSql.Telemetry;

/// <summary>
/// Log messages of the PostgreSQL store (event ids 220–239, stable). Parameters are versions and counts only: never the
/// connection string, addresses or message content.
/// </summary>
internal static partial class PostgreSqlLog
{
    [LoggerMessage(EventId = 220, EventName = "PostgreSqlSchemaMigrated", Level = LogLevel.Information,
        Message = "PostgreSQL store schema migrated from version {FromVersion} to {ToVersion}")]
    public static partial void SchemaMigrated(ILogger logger, int fromVersion, int toVersion);

    [LoggerMessage(EventId = 221, EventName = "PostgreSqlSchemaUpToDate", Level = LogLevel.Debug,
        Message = "PostgreSQL store schema is at version {Version}")]
    public static partial void SchemaUpToDate(ILogger logger, int version);

    [LoggerMessage(EventId = 222, EventName = "PostgreSqlLeasesReclaimed", Level = LogLevel.Information,
        Message = "PostgreSQL store reclaimed {Count} message(s) whose send began and whose lease expired without an outcome (in flight)")]
    public static partial void LeasesReclaimed(ILogger logger, int count);

    [LoggerMessage(EventId = 223, EventName = "PostgreSqlMessagesAnonymized", Level = LogLevel.Debug,
        Message = "PostgreSQL store anonymized {Count} message(s) in one batch")]
    public static partial void MessagesAnonymized(ILogger logger, int count);
}
