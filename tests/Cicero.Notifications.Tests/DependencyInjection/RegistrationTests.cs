using Cicero.Notifications.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Tests.DependencyInjection;

public sealed class RegistrationTests
{
    [Fact]
    public void AddCiceroNotifications_registers_options_configured_in_code()
    {
        var services = new ServiceCollection();

        services.AddCiceroNotifications(o => o.LibraryName = "Aarhus Bibliotekerne");

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IOptions<CiceroNotificationsOptions>>().Value.LibraryName
            .Should().Be("Aarhus Bibliotekerne");
    }

    [Fact]
    public void AddCiceroNotifications_binds_options_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cicero:Notifications:LibraryName"] = "Odense Bibliotekerne",
                ["Cicero:Notifications:DefaultCulture"] = "en-GB",
                ["Cicero:Notifications:Types:ReservationReady:Protocols:0"] = "Sms",
            })
            .Build();
        var services = new ServiceCollection();

        services.AddCiceroNotifications(configuration.GetSection(CiceroNotificationsOptions.SectionName))
            .AddChannel(Protocol.Sms, new Cicero.Notifications.Testing.RecordingChannel());

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<CiceroNotificationsOptions>>().Value;
        options.LibraryName.Should().Be("Odense Bibliotekerne");
        options.DefaultCulture.Should().Be("en-GB");
    }

    [Fact]
    public void AddCiceroNotifications_uses_the_system_clock_unless_the_host_registered_one()
    {
        var services = new ServiceCollection();

        services.AddCiceroNotifications(_ => { });

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
    }

    [Fact]
    public void AddCiceroNotifications_rejects_null_arguments_naming_the_parameter()
    {
        var services = new ServiceCollection();

        var act = () => services.AddCiceroNotifications((Action<CiceroNotificationsOptions>)null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("configure");
    }
}
