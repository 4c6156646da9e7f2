using Cicero.Notifications;
using Cicero.Notifications.Configuration;
using Cicero.Notifications.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// (for example <c>configuration.GetSection("Cicero:Notifications")</c>).
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
        return AddCore(services);
    }

    private static CiceroNotificationsBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<CiceroNotificationsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CiceroNotificationsOptions>, CiceroNotificationsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return new CiceroNotificationsBuilder(services);
    }
}
