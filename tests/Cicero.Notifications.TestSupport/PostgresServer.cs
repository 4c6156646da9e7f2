using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace Cicero.Notifications.TestSupport;

/// <summary>
/// The PostgreSQL server the tests run against, shared by every test class of a collection (a collection fixture). With
/// <c>CICERO_POSTGRES</c> set (an admin connection string) it uses that server; otherwise it starts a throw-away server
/// (initdb into a temp folder, loopback only, a free port) and stops it at the end. Each run gets a fresh database; each
/// test a fresh schema in it. When no server can be had the tests fail, saying how to start one — they never skip.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "CICERO_POSTGRES";

    private const string HowToStart = """
        Start one and point CICERO_POSTGRES at it, for example (as root, PostgreSQL 15 from apt-get install -y postgresql):
          D=$(mktemp -d); chown postgres: "$D"; B=/usr/lib/postgresql/15/bin
          su postgres -c "$B/initdb -D $D/data -U postgres -A trust -E UTF8 --no-locale"
          su postgres -c "$B/pg_ctl -D $D/data -l $D/log -w -o '-p 55432 -c listen_addresses=127.0.0.1 -k $D -c fsync=off' start"
          export CICERO_POSTGRES='Host=127.0.0.1;Port=55432;Username=postgres'
        or source .ci/services.sh, which does the same.
        """;

    private readonly string _database = "cicero_tests_" + Guid.NewGuid().ToString("N")[..12];
    private string? _dataDirectory;
    private string? _binDirectory;
    private string _adminConnectionString = "";

    /// <summary>Gets a connection string to this run's database.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        _adminConnectionString = string.IsNullOrWhiteSpace(configured) ? await StartThrowAwayServerAsync() : configured;
        try
        {
            await using var admin = new NpgsqlConnection(_adminConnectionString);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidOperationException($"The PostgreSQL tests need a server, and the one at {EnvironmentVariable} (or started by the tests) could not be used: {ex.Message}\n{HowToStart}", ex);
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _database }.ConnectionString;
    }

    /// <summary>Creates a fresh schema and returns a connection string whose search path is that schema.</summary>
    public async Task<string> NewSchemaAsync()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (ConnectionString.Length == 0 && _dataDirectory is null)
        {
            return; // no server was reached: nothing to clean up
        }

        if (_dataDirectory is not null)
        {
            Run(Path.Combine(_binDirectory!, "pg_ctl"), $"-D {_dataDirectory}/data -m immediate -w stop");
            Directory.Delete(_dataDirectory, recursive: true);
            return;
        }

        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task<string> StartThrowAwayServerAsync()
    {
        _binDirectory = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (_binDirectory is null)
        {
            throw new InvalidOperationException($"The PostgreSQL tests need a server: {EnvironmentVariable} is not set and no PostgreSQL binaries were found under /usr/lib/postgresql/*/bin to start one (apt-get install -y postgresql).\n{HowToStart}");
        }

        _dataDirectory = Directory.CreateTempSubdirectory("cicero-pg-").FullName;
        var port = FreePort();
        try
        {
            if (Environment.UserName == "root")
            {
                Run("chown", $"postgres: {_dataDirectory}");
            }

            Run(Path.Combine(_binDirectory, "initdb"), $"-D {_dataDirectory}/data -U postgres -A trust -E UTF8 --no-locale");
            Run(Path.Combine(_binDirectory, "pg_ctl"), $"-D {_dataDirectory}/data -l {_dataDirectory}/log -w -o \"-p {port} -c listen_addresses=127.0.0.1 -k {_dataDirectory} -c fsync=off -c max_connections=300\" start");
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"The PostgreSQL tests need a server: {EnvironmentVariable} is not set and starting a throw-away server failed ({ex.Message}).\n{HowToStart}", ex);
        }

        await Task.CompletedTask;
        return $"Host=127.0.0.1;Port={port};Username=postgres";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a PostgreSQL tool, as the postgres user when running as root (initdb refuses root).</summary>
    private static void Run(string file, string arguments)
    {
        var asPostgres = Environment.UserName == "root" && !file.Equals("chown", StringComparison.Ordinal);
        var start = asPostgres
            ? new ProcessStartInfo("su", ["postgres", "-c", $"{file} {arguments}"])
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(file)} did not finish within a minute");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {error.Result.Trim()} {output.Result.Trim()}");
        }
    }
}
