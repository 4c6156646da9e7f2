using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Staff;

public sealed class StaffRegistrationTests
{
    [Theory]
    [InlineData(typeof(IBorrowerMessages))]
    [InlineData(typeof(IMessagePrinter))]
    [InlineData(typeof(IMessageQueue))]
    public void AddCiceroNotifications_registers_the_staff_service(Type service)
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { });

        using var provider = services.BuildServiceProvider();

        provider.GetService(service).Should().NotBeNull();
    }

    [Fact]
    public void Staff_services_are_singletons_registered_once_even_when_added_twice()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { });
        services.AddCiceroNotifications(_ => { });

        services.Where(d => d.ServiceType == typeof(IMessageQueue)).Should().ContainSingle().Which.Lifetime.Should().Be(ServiceLifetime.Singleton);
    }
}
