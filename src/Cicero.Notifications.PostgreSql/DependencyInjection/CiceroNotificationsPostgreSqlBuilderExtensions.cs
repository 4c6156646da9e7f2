using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.PostgreSql.Storage;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL store on an <see cref="ICiceroNotificationsBuilder"/>.</summary>
public static class CiceroNotificationsPostgreSqlBuilderExtensions
{
    /// <summary>The name under <c>ConnectionStrings</c> that <see cref="UsePostgreSqlStore(ICiceroNotificationsBuilder, IConfiguration)"/> reads.</summary>
    public const string ConnectionStringName = "CiceroNotifications";

    /// <summary>
    /// Stores messages and borrower profiles in PostgreSQL instead of memory: for several hosts sharing one message queue.
    /// The store creates and owns an <see cref="NpgsqlDataSource"/> (a connection pool) for the connection string.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=db;Database=cicero;Username=cicero;Password=…</c>. The tables go in the first schema of its search path (<c>Search Path=notifications</c> to choose one).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is invalid.</exception>
    /// <remarks>
    /// Replaces any <see cref="IMessageStore"/> and <see cref="IBorrowerProfileStore"/> registered before (such as the
    /// in-memory defaults). The schema is created or upgraded before first use and when the host starts; hosts starting
    /// at once serialize on an advisory lock.
    /// </remarks>
    public static ICiceroNotificationsBuilder UsePostgreSqlStore(this ICiceroNotificationsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var validated = PostgreSqlDatabase.Validate(connectionString);
        return builder.Register(sp => new PostgreSqlDatabase(NpgsqlDataSource.Create(validated), ownsDataSource: true, sp.GetService<ILogger<PostgreSqlDatabase>>()));
    }

    /// <summary>
    /// Stores messages and borrower profiles in PostgreSQL, with the connection string from configuration:
    /// <c>ConnectionStrings:CiceroNotifications</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="configuration">The host's configuration (its root, where <c>ConnectionStrings</c> lives).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">The connection string is missing.</exception>
    /// <exception cref="ArgumentException">The connection string is invalid.</exception>
    public static ICiceroNotificationsBuilder UsePostgreSqlStore(this ICiceroNotificationsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"The PostgreSQL store reads its connection string from ConnectionStrings:{ConnectionStringName}, which is missing or empty: add for example \"ConnectionStrings\": {{ \"{ConnectionStringName}\": \"Host=db;Database=cicero;Username=cicero\" }} (the password from a secret store).")
            : builder.UsePostgreSqlStore(connectionString);
    }

    /// <summary>
    /// Stores messages and borrower profiles in PostgreSQL through the host's <see cref="NpgsqlDataSource"/> (for example
    /// one built with <see cref="NpgsqlDataSourceBuilder"/> for logging or password rotation). The host keeps ownership:
    /// the store does not dispose it.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="dataSource">The data source.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder UsePostgreSqlStore(this ICiceroNotificationsBuilder builder, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.Register(sp => new PostgreSqlDatabase(dataSource, ownsDataSource: false, sp.GetService<ILogger<PostgreSqlDatabase>>()));
    }

    private static ICiceroNotificationsBuilder Register(this ICiceroNotificationsBuilder builder, Func<IServiceProvider, PostgreSqlDatabase> database)
    {
        var services = builder.Services;
        services.RemoveAll<PostgreSqlDatabase>();
        services.AddSingleton(database);
        services.RemoveAll<IMessageStore>();
        services.AddSingleton<IMessageStore>(sp => new PostgreSqlMessageStore(sp.GetRequiredService<PostgreSqlDatabase>(), sp.GetService<ILogger<PostgreSqlMessageStore>>()));
        services.RemoveAll<IBorrowerProfileStore>();
        services.AddSingleton<IBorrowerProfileStore>(sp => new PostgreSqlBorrowerProfileStore(sp.GetRequiredService<PostgreSqlDatabase>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlSchemaInitializer>());
        return builder;
    }
}
