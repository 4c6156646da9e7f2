using System.Globalization;
using Cicero.Notifications.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// A fresh database <c>cicero_bench_&lt;random&gt;</c> on the server that <c>CICERO_POSTGRES</c> (an admin connection
/// string) names, with a new schema per store; dropped at the end.
/// </summary>
internal sealed class PostgresBenchDatabase : BenchDatabase
{
    public const string EnvironmentVariable = "CICERO_POSTGRES";

    public const string HowToStart = "Point CICERO_POSTGRES at a PostgreSQL server (an admin connection string such as Host=127.0.0.1;Port=55432;Username=postgres), or run the benchmark in a shell that sourced .ci/services.sh, which starts a throw-away server and sets it.";

    private readonly string _admin;
    private readonly string _name;
    private readonly string _connectionString;
    private readonly NpgsqlDataSource _database;
    private int _schemas;

    private PostgresBenchDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        _connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        _database = NpgsqlDataSource.Create(_connectionString);
    }

    public override string Name => "PostgreSQL";

    public override string Label => "postgresql";

    /// <summary>Creates the run's database, or says why it cannot (no variable, no server) without naming the connection string's values.</summary>
    public static async Task<(PostgresBenchDatabase? Database, string? Problem)> TryCreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            return (null, $"{EnvironmentVariable} is not set.");
        }

        var name = "cicero_bench_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(admin) { Timeout = 5 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            return (null, $"the server at {EnvironmentVariable} could not be used ({ex.GetType().Name}: {ex.Message}).");
        }

        return (new PostgresBenchDatabase(admin, name), null);
    }

    public override void UseStore(ICiceroNotificationsBuilder builder, string connectionString) => builder.UsePostgreSqlStore(connectionString);

    public override Task<RawStore> OpenRawAsync(string connectionString) => Task.FromResult<RawStore>(new PostgresRawStore(connectionString, LibraryHost.MaxParallelism));

    public override async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    protected override async Task<string> NewLocationAsync()
    {
        var schema = string.Create(CultureInfo.InvariantCulture, $"store_{++_schemas}");
        await using var create = _database.CreateCommand($"CREATE SCHEMA {schema}");
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_connectionString) { SearchPath = schema }.ConnectionString;
    }
}
