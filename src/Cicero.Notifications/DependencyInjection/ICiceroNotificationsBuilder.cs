using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.DependencyInjection;

/// <summary>
/// Returned by <c>AddCiceroNotifications</c>; adapter packages chain their registrations on it
/// (channels, stores, background processing).
/// </summary>
public interface ICiceroNotificationsBuilder
{
    /// <summary>Gets the service collection the library is registered in.</summary>
    IServiceCollection Services { get; }
}
