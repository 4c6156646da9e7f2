using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.DependencyInjection;

internal sealed class CiceroNotificationsBuilder(IServiceCollection services) : ICiceroNotificationsBuilder
{
    public IServiceCollection Services { get; } = services;
}
