using Cicero.Notifications;
using System.Diagnostics.Metrics;
using Cicero.Notifications.Configuration;
using Cicero.Notifications.Hosting;
using Cicero.Notifications.Receipts;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Telemetry;
using Cicero.Notifications.Templates;
using Cicero.Notifications.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Cicero.Notifications in an <see cref="IServiceCollection"/>.</summary>
public static class CiceroNotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the notification services with options configured in code. Calling it twice is harmless:
    /// services are added with <c>TryAdd</c> and the configure actions run in order.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the server setup.</param>
    /// <returns>A builder for channels, stores and background processing.</returns>
    public static ICiceroNotificationsBuilder AddCiceroNotifications(
        this IServiceCollection services,
        Action<CiceroNotificationsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<CiceroNotificationsOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Adds the notification services with options bound from configuration
    /// (for example <c>configuration.GetSection("Cicero:Notifications")</c>). Start-up fails when the section is missing
    /// or empty, and errors about an option name its configuration path (<c>Cicero:Notifications:Dispatch:BatchSize</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding <see cref="CiceroNotificationsOptions"/>.</param>
    /// <returns>A builder for channels, stores and background processing.</returns>
    public static ICiceroNotificationsBuilder AddCiceroNotifications(
        this IServiceCollection services,
        IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<CiceroNotificationsOptions>().Bind(configuration);
        services.AddSingleton(new CiceroNotificationsConfiguration(configuration));
        services.AddSingleton<IPostConfigureOptions<CiceroNotificationsOptions>>(new ConfigurationBindingRepair(configuration));
        services.AddSingleton<IValidateOptions<CiceroNotificationsOptions>>(new ConfiguredProtocolNamesValidator(configuration));
        return AddCore(services);
    }

    private static CiceroNotificationsBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<CiceroNotificationsOptions>().ValidateOnStart();
        // Start-up errors that point at the cause: one line per problem, configuration paths (see the factory).
        services.TryAddTransient<IOptionsFactory<CiceroNotificationsOptions>, CiceroNotificationsOptionsFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CiceroNotificationsOptions>, CiceroNotificationsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CiceroNotificationsOptions>, ChannelSetupValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CiceroNotificationsOptions>, TemplateOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CiceroNotificationsOptions>, QuietHoursOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new CiceroTelemetry(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<ServerSetup>();
        services.TryAddSingleton<ChannelRegistry>();
        services.TryAddSingleton<ITemplateRenderer, ScribanTemplateRenderer>();
        services.TryAddSingleton<IMessageStore>(sp => InMemory(sp, new InMemoryMessageStore()));
        services.TryAddSingleton<IBorrowerProfileStore, InMemoryBorrowerProfileStore>();
        services.TryAddSingleton<INotifier, Notifier>();
        services.TryAddSingleton<ChannelCircuits>();
        services.TryAddSingleton<NotificationFallbacks>();
        services.TryAddSingleton<IMessageDispatcher, MessageDispatcher>();
        services.TryAddSingleton<IDeliveryReceipts, DeliveryReceipts>();
        services.AddProfileServices();
        services.AddStaffServices();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupSummary>());
        return new CiceroNotificationsBuilder(services);
    }

    /// <summary>The in-memory store says at start that nothing survives a restart (logged once, with the message store).</summary>
    private static T InMemory<T>(IServiceProvider services, T store)
    {
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Cicero.Notifications.Storage") ?? NullLogger.Instance;
        Log.InMemoryStore(logger);
        return store;
    }
}
