using System.Runtime.Versioning;
using Cicero.Notifications.Sqlite.Storage;
using Cicero.Notifications.Storage;
using Cicero.Notifications.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Sqlite.Tests;

/// <summary>The SQLite store in a real host: where its file goes, who may read it, configuration, and start-up errors.</summary>
public sealed class SqliteHostingTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempFolder _folder = new();

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task The_database_and_its_wal_and_shared_memory_files_are_readable_by_their_owner_only()
    {
        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(_folder.NewDatabase()).DataSource);
        var store = new SqliteMessageStore(new SqliteDatabase($"Data Source={path}"));

        await store.AddAsync([Pending(NewBorrower(), T0)], null);

        File.GetUnixFileMode(path).Should().Be(OwnerOnly, "the file holds addresses and CPR numbers");
        foreach (var companion in new[] { path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.GetUnixFileMode(companion).Should().Be(OwnerOnly, companion);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task An_existing_database_readable_by_others_is_narrowed_to_its_owner()
    {
        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(_folder.NewDatabase()).DataSource);
        await new SqliteDatabase($"Data Source={path}").EnsureSchemaAsync(CancellationToken.None);
        SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await new SqliteDatabase($"Data Source={path}").EnsureSchemaAsync(CancellationToken.None);

        File.GetUnixFileMode(path).Should().Be(OwnerOnly);
    }

    [Fact]
    public async Task A_relative_path_is_resolved_against_the_hosts_content_root_not_the_working_directory()
    {
        Directory.CreateDirectory(_folder.Path);
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new Environment(_folder.Path));
        services.AddCiceroNotifications(_ => { }).UseSqliteStore("Data Source=data/notifications.db");
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IMessageStore>();
        await store.AddAsync([Pending(NewBorrower(), T0)], null);

        var expected = Path.Combine(_folder.Path, "data", "notifications.db");
        store.ToString().Should().Be($"SQLite store at {expected}");
        File.Exists(expected).Should().BeTrue();
    }

    [Fact]
    public async Task A_path_that_cannot_be_a_database_fails_naming_the_store_the_path_and_the_cause()
    {
        Directory.CreateDirectory(_folder.Path);
        var blocker = Path.Combine(_folder.Path, "blocker");
        await File.WriteAllTextAsync(blocker, "a file where a folder should be");
        var path = Path.Combine(blocker, "notifications.db");

        var act = () => new SqliteDatabase($"Data Source={path}").EnsureSchemaAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().StartWith($"The SQLite store cannot create or open its database file {path}: ");
    }

    [Fact]
    public async Task The_store_can_be_set_up_from_configuration()
    {
        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(_folder.NewDatabase()).DataSource);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:CiceroNotifications"] = $"Data Source={path}",
            ["Cicero:Notifications:Sqlite:DurableCommits"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { }).UseSqliteStore(configuration);
        await using var provider = services.BuildServiceProvider();

        var database = provider.GetRequiredService<SqliteDatabase>();
        using var connection = await database.OpenAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";

        (database.FilePath, command.ExecuteScalar()).Should().Be((path, 1L), "synchronous = NORMAL when DurableCommits is false");
    }

    [Fact]
    public void A_missing_connection_string_in_configuration_names_the_key()
    {
        var builder = new ServiceCollection().AddCiceroNotifications(_ => { });

        var act = () => builder.UseSqliteStore(new ConfigurationBuilder().Build());

        act.Should().Throw<InvalidOperationException>().WithMessage("The SQLite store reads its connection string from ConnectionStrings:CiceroNotifications, which is missing or empty*");
    }

    public void Dispose() => _folder.Dispose();

    private sealed class Environment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "Cicero.Notifications.Sqlite.Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
