using System.Globalization;
using Cicero.Notifications.Sqlite.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Sqlite.Storage;

/// <summary>
/// One SQLite database file: opens connections (pooled by Microsoft.Data.Sqlite) with a busy timeout, and creates or
/// upgrades the schema once, before the first use, in WAL mode.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly SqliteWriteQueue _writes;
    private readonly ILogger _logger;
    private readonly string _pragmas;
    private volatile bool _schemaReady;

    public SqliteDatabase(string connectionString, SqliteStoreOptions? options = null, ILogger<SqliteDatabase>? logger = null)
    {
        ConnectionString = Validate(connectionString);
        options = CheckOptions(options ?? new SqliteStoreOptions());
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {(options.DurableCommits ? "FULL" : "NORMAL")};");
        _logger = logger ?? NullLogger<SqliteDatabase>.Instance;
        _writes = new SqliteWriteQueue(OpenAsync);
    }

    public string ConnectionString { get; }

    /// <summary>
    /// Resolves a relative database path against the host's content root (when there is a host), so the file does not
    /// depend on the process's working directory.
    /// </summary>
    public static string ResolveAgainst(string connectionString, string? contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(contentRoot) || builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(builder.DataSource))
        {
            return connectionString;
        }

        builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        return builder.ToString();
    }

    /// <summary>Checks a connection string: it must name a database file (a durable store cannot live in memory).</summary>
    public static string Validate(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException("The SQLite connection string is not valid: use for example \"Data Source=notifications.db\".", nameof(connectionString), ex);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource)
            || string.Equals(builder.DataSource, ":memory:", StringComparison.OrdinalIgnoreCase)
            || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("The SQLite store needs a database file (\"Data Source=notifications.db\"): an in-memory database does not survive a restart.", nameof(connectionString));
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            throw new ArgumentException("The SQLite store writes: remove Mode=ReadOnly from the connection string.", nameof(connectionString));
        }

        return builder.ToString();
    }

    /// <summary>Checks the options.</summary>
    public static SqliteStoreOptions CheckOptions(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.BusyTimeout >= TimeSpan.Zero && options.BusyTimeout.TotalMilliseconds <= int.MaxValue
            ? options
            : throw new ArgumentOutOfRangeException(nameof(options), options.BusyTimeout, "BusyTimeout must be between zero and about 24 days.");
    }

    /// <summary>Opens a connection, creating or upgrading the schema first if this is the first use.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets how many write transactions this process committed (for tests of the group commit).</summary>
    internal long Commits => _writes.Commits;

    /// <summary>
    /// Runs a write in an IMMEDIATE transaction, committed together with the other writes of this process queued with it
    /// (group commit, see <see cref="SqliteWriteQueue"/>); returns once the commit is done. The write must not commit,
    /// and must not leave partial changes behind when it returns normally without wanting them stored.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken)
        => _writes.WriteAsync(write, cancellationToken);

    /// <summary>Creates or upgrades the schema: WAL mode, then every missing migration in one BEGIN IMMEDIATE transaction. Idempotent; safe when several processes start at once.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            using var connection = await OpenFirstAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = connection.BeginTransaction(deferred: false);
            Execute(connection, transaction, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version INTEGER NOT NULL PRIMARY KEY,
                    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                );
                """);
            var current = Convert.ToInt32(Scalar(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version;"), CultureInfo.InvariantCulture);
            if (current > SqliteSchema.LatestVersion)
            {
                throw new InvalidOperationException($"The SQLite database has schema version {current}, newer than this version of Cicero.Notifications.Sqlite knows ({SqliteSchema.LatestVersion}): upgrade the package.");
            }

            foreach (var (version, sql) in SqliteSchema.Migrations)
            {
                if (version > current)
                {
                    Execute(connection, transaction, sql);
                    Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"INSERT INTO schema_version (version) VALUES ({version});"));
                }
            }

            transaction.Commit();
            if (current < SqliteSchema.LatestVersion)
            {
                SqliteLog.SchemaMigrated(_logger, current, SqliteSchema.LatestVersion);
            }
            else
            {
                SqliteLog.SchemaUpToDate(_logger, current);
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    public void Dispose()
    {
        _schemaLock.Dispose();
        _writes.Dispose();
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            Execute(connection, null, _pragmas);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Gets the database file's full path, or <see langword="null"/> for a <c>file:</c> URI.</summary>
    public string? FilePath
    {
        get
        {
            var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? null : Path.GetFullPath(dataSource);
        }
    }

    /// <summary>
    /// The first connection: creates missing folders and the file — readable and writable by its owner only, as it holds
    /// addresses and CPR numbers (SQLite gives its WAL and shared-memory files the same mode) — and turns on WAL. A path
    /// that cannot be a database fails here with a message naming the store, the path and the cause.
    /// </summary>
    private async Task<SqliteConnection> OpenFirstAsync(CancellationToken cancellationToken)
    {
        var path = FilePath;
        try
        {
            if (path is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                RestrictToOwner(path);
            }

            var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
            Execute(connection, null, "PRAGMA journal_mode = WAL;");
            if (path is not null)
            {
                RestrictToOwner(path + "-wal");
                RestrictToOwner(path + "-shm");
            }

            return connection;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new InvalidOperationException($"The SQLite store cannot create or open its database file {path ?? "(file: URI)"}: {ex.Message}", ex);
        }
    }

    /// <summary>Creates the file with mode 0600, or takes group and other permissions away from an existing one (Unix only).</summary>
    private static void RestrictToOwner(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(path))
        {
            if (!path.EndsWith("-wal", StringComparison.Ordinal) && !path.EndsWith("-shm", StringComparison.Ordinal))
            {
                using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
            }

            return;
        }

        if (File.GetUnixFileMode(path) != OwnerOnly)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
