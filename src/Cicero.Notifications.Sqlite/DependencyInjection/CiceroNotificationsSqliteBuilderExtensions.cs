using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.Sqlite;
using Cicero.Notifications.Sqlite.Storage;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite store on an <see cref="ICiceroNotificationsBuilder"/>.</summary>
public static class CiceroNotificationsSqliteBuilderExtensions
{
    /// <summary>
    /// Stores messages and borrower profiles in a SQLite database file instead of memory: the durable store for a single
    /// host. The schema is created or upgraded before first use (and when the host starts); the file is put in WAL mode.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file, for example <c>Data Source=notifications.db</c>. Missing folders are created.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is invalid, in memory or read-only.</exception>
    /// <remarks>
    /// Replaces any <see cref="IMessageStore"/> and <see cref="IBorrowerProfileStore"/> registered before (such as the
    /// in-memory defaults). Several processes may share the file on one machine (SQLite locks it); for several machines
    /// use the PostgreSQL store.
    /// </remarks>
    public static ICiceroNotificationsBuilder UseSqliteStore(this ICiceroNotificationsBuilder builder, string connectionString)
        => builder.UseSqliteStore(connectionString, _ => { });

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
        services.AddSingleton(sp => new SqliteDatabase(normalized, options, sp.GetService<ILogger<SqliteDatabase>>()));
        services.RemoveAll<IMessageStore>();
        services.AddSingleton<IMessageStore>(sp => new SqliteMessageStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetService<ILogger<SqliteMessageStore>>()));
        services.RemoveAll<IBorrowerProfileStore>();
        services.AddSingleton<IBorrowerProfileStore>(sp => new SqliteBorrowerProfileStore(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteSchemaInitializer>());
        return builder;
    }
}
