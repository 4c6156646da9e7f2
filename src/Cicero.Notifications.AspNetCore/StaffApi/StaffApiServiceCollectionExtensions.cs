using Cicero.Notifications.AspNetCore;
using Cicero.Notifications.AspNetCore.StaffApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the staff HTTP API's services: its options (validated at start-up) and problem details.</summary>
public static class StaffApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services of the staff HTTP API (map it with <c>app.MapCiceroStaffApi(pattern)</c>): its options, checked at
    /// start-up, and problem details. The library itself is added with <c>AddCiceroNotifications</c>; authentication and
    /// authorization (the policy named in <see cref="StaffApiOptions.AuthorizationPolicy"/>) are the host's.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options, for example <c>o =&gt; o.AuthorizationPolicy = "Staff"</c>.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddCiceroStaffApi(this IServiceCollection services, Action<StaffApiOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return services.AddCiceroStaffApiCore();
    }

    /// <summary>Adds the services of the staff HTTP API with options bound from configuration (see the other overload).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The configuration section, for example <c>Cicero:StaffApi</c>.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddCiceroStaffApi(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.Configure<StaffApiOptions>(section);
        return services.AddCiceroStaffApiCore();
    }

    private static IServiceCollection AddCiceroStaffApiCore(this IServiceCollection services)
    {
        services.AddOptions<StaffApiOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StaffApiOptions>, StaffApiOptionsValidator>());
        services.TryAddSingleton<StaffApiNames>();
        services.AddProblemDetails();
        return services;
    }
}
