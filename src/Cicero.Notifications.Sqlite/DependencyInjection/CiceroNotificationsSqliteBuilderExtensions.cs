using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.Sqlite;
using Cicero.Notifications.Sqlite.Storage;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite store on an <see cref="ICiceroNotificationsBuilder"/>.</summary>
public static class CiceroNotificationsSqliteBuilderExtensions
{
    /// <summary>The name under <c>ConnectionStrings</c> that <see cref="UseSqliteStore(ICiceroNotificationsBuilder, IConfiguration)"/> reads.</summary>
    public const string ConnectionStringName = "CiceroNotifications";

    /// <summary>The configuration section of <see cref="SqliteStoreOptions"/>.</summary>
    public const string OptionsSection = "Cicero:Notifications:Sqlite";

    /// <summary>
    /// Stores messages and borrower profiles in a SQLite database file instead of memory: the durable store for a single
    /// host. The schema is created or upgraded before first use (and when the host starts); the file is put in WAL mode.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="connectionString">
    /// A Microsoft.Data.Sqlite connection string naming a file, for example <c>Data Source=notifications.db</c>. A relative
    /// path is resolved against the host's content root (<c>IHostEnvironment.ContentRootPath</c>) when there is a host, else
    /// against the working directory; the start-up log names the full path. Missing folders are created, and a new file is
    /// readable and writable by its owner only (mode 0600 on Unix; an existing file is narrowed to it), since it holds
    /// addresses and CPR numbers.
    /// </param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is invalid, in memory or read-only.</exception>
    /// <remarks>
    /// Replaces any <see cref="IMessageStore"/> and <see cref="IBorrowerProfileStore"/> registered before (such as the
    /// in-memory defaults). Several processes may share the file on one machine (SQLite locks it); for several machines
    /// use the PostgreSQL store.
    /// </remarks>
    public static ICiceroNotificationsBuilder UseSqliteStore(this ICiceroNotificationsBuilder builder, string connectionString)
        => builder.UseSqliteStore(connectionString, _ => { });

    /// <summary>
    /// Stores messages and borrower profiles in a SQLite database file, set up from configuration: the connection string
    /// from <c>ConnectionStrings:CiceroNotifications</c> and the options from the section <c>Cicero:Notifications:Sqlite</c>
    /// (<c>DurableCommits</c>, <c>BusyTimeout</c>).
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="configuration">The host's configuration (its root, where <c>ConnectionStrings</c> lives).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">The connection string is missing.</exception>
    /// <exception cref="ArgumentException">The connection string is invalid, in memory or read-only.</exception>
    public static ICiceroNotificationsBuilder UseSqliteStore(this ICiceroNotificationsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The SQLite store reads its connection string from ConnectionStrings:{ConnectionStringName}, which is missing or empty: add for example \"ConnectionStrings\": {{ \"{ConnectionStringName}\": \"Data Source=notifications.db\" }}.");
        }

        return builder.UseSqliteStore(connectionString, options => configuration.GetSection(OptionsSection).Bind(options));
    }

    /// <summary>Stores messages and borrower profiles in a SQLite database file, with options.</summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file, for example <c>Data Source=notifications.db</c>.</param>
    /// <param name="configure">Configures the store's options (durability, busy timeout).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is invalid, in memory or read-only.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The busy timeout is negative.</exception>
    public static ICiceroNotificationsBuilder UseSqliteStore(this ICiceroNotificationsBuilder builder, string connectionString, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var normalized = SqliteDatabase.Validate(connectionString);
        var options = new SqliteStoreOptions();
        configure(options);
        SqliteDatabase.CheckOptions(options);

        var services = builder.Services;
        services.RemoveAll<SqliteDatabase>();
        services.AddSingleton(sp => new SqliteDatabase(
            SqliteDatabase.ResolveAgainst(normalized, sp.GetService<IHostEnvironment>()?.ContentRootPath), options, sp.GetService<ILogger<SqliteDatabase>>()));
        services.RemoveAll<IMessageStore>();
        services.AddSingleton<IMessageStore>(sp => new SqliteMessageStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetService<ILogger<SqliteMessageStore>>()));
        services.RemoveAll<IBorrowerProfileStore>();
        services.AddSingleton<IBorrowerProfileStore>(sp => new SqliteBorrowerProfileStore(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteSchemaInitializer>());
        return builder;
    }
}
