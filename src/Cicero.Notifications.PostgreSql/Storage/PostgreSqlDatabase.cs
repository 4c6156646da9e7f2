using System.Globalization;
using Cicero.Notifications.PostgreSql.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cicero.Notifications.PostgreSql.Storage;

/// <summary>
/// One PostgreSQL database (and schema): opens connections from an <see cref="NpgsqlDataSource"/> (pooled) and creates
/// or upgrades the schema once, before the first use, under a transaction-scoped advisory lock.
/// </summary>
internal sealed class PostgreSqlDatabase : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly bool _ownsDataSource;
    private readonly ILogger _logger;
    private volatile bool _schemaReady;

    public PostgreSqlDatabase(NpgsqlDataSource dataSource, bool ownsDataSource, ILogger<PostgreSqlDatabase>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        DataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _logger = logger ?? NullLogger<PostgreSqlDatabase>.Instance;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Checks a connection string and returns it; the message names no value from it (it may hold a password).</summary>
    public static string Validate(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException("The PostgreSQL connection string is not valid: use for example \"Host=db;Database=cicero;Username=cicero;Password=…\".", nameof(connectionString), ex);
        }

        return connectionString;
    }

    /// <summary>Opens a connection, creating or upgrading the schema first if this is the first use.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates or upgrades the schema: every missing migration in one transaction holding <c>pg_advisory_xact_lock</c>. Idempotent; safe when several hosts start at once.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgreSqlSchema.MigrationLockKey});", cancellationToken).ConfigureAwait(false);
                    using (var schema = new NpgsqlCommand("SELECT current_schema()", connection, transaction))
                    {
                        if (await schema.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string)
                        {
                            throw new InvalidOperationException("No schema of the connection's search path exists, so the store has nowhere to create its tables: create the schema (CREATE SCHEMA …) or fix Search Path in the connection string.");
                        }
                    }

                    await ExecuteAsync(connection, transaction, """
                        CREATE TABLE IF NOT EXISTS schema_version (
                            version integer NOT NULL PRIMARY KEY,
                            applied_at timestamptz NOT NULL DEFAULT now()
                        );
                        """, cancellationToken).ConfigureAwait(false);
                    int current;
                    using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version;", connection, transaction))
                    {
                        current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                    }

                    if (current > PostgreSqlSchema.LatestVersion)
                    {
                        throw new InvalidOperationException($"The PostgreSQL database has schema version {current}, newer than this version of Cicero.Notifications.PostgreSql knows ({PostgreSqlSchema.LatestVersion}): upgrade the package.");
                    }

                    foreach (var (version, sql) in PostgreSqlSchema.Migrations)
                    {
                        if (version > current)
                        {
                            await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
                            await ExecuteAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"INSERT INTO schema_version (version) VALUES ({version});"), cancellationToken).ConfigureAwait(false);
                        }
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    if (current < PostgreSqlSchema.LatestVersion)
                    {
                        PostgreSqlLog.SchemaMigrated(_logger, current, PostgreSqlSchema.LatestVersion);
                    }
                    else
                    {
                        PostgreSqlLog.SchemaUpToDate(_logger, current);
                    }
                }
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _schemaLock.Dispose();
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _schemaLock.Dispose();
        if (_ownsDataSource)
        {
            DataSource.Dispose();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
