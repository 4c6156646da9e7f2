using Cicero.Notifications.Domain;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Tests.Sending;

public sealed class StartupValidationTests
{
    [Fact]
    public void Protocol_used_by_a_type_without_a_channel_fails_start_up_naming_both()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o => o.Types["WelcomeBorrower"] = Setup(Protocol.Sms))
            .AddChannel(Protocol.Email, new RecordingChannel());

        var act = () => Resolve(services);

        act.Should().Throw<OptionsValidationException>().WithMessage("*'WelcomeBorrower' uses protocol 'Sms', which has no channel*");
    }

    [Fact]
    public void Two_channels_for_one_protocol_fail_start_up()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { })
            .AddChannel(Protocol.Sms, new RecordingChannel())
            .AddChannel(Protocol.Sms, new RecordingChannel());

        var act = () => Resolve(services);

        act.Should().Throw<OptionsValidationException>().WithMessage("*Protocol 'Sms' has 2 channels*");
    }

    [Fact]
    public void Unknown_protocol_in_a_type_fails_start_up_naming_type_and_protocol()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o => o.Types["WelcomeBorrower"] = Setup(Protocol.Parse("Pigeon")));

        var act = () => Resolve(services);

        act.Should().Throw<OptionsValidationException>().WithMessage("*'WelcomeBorrower' uses unknown protocol 'Pigeon'*");
    }

    [Fact]
    public void Broken_template_fails_start_up_naming_type_protocol_and_culture()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                o.Types["WelcomeBorrower"] = Setup(Protocol.Sms);
                o.Templates.Add(new() { Type = "WelcomeBorrower", Protocol = "Sms", Culture = "da", Body = "Hej {{ if }}" });
            })
            .AddChannel(Protocol.Sms, new RecordingChannel());

        var act = () => Resolve(services);

        act.Should().Throw<OptionsValidationException>().WithMessage("*WelcomeBorrower*Sms*da*");
    }

    [Fact]
    public void Valid_setup_starts()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o => o.Types["WelcomeBorrower"] = Setup(Protocol.Sms))
            .AddChannel(Protocol.Sms, new RecordingChannel());

        var act = () => Resolve(services);

        act.Should().NotThrow();
    }

    private static NotificationTypeOptions Setup(Protocol protocol)
    {
        var type = new NotificationTypeOptions();
        type.Protocols.Add(protocol);
        return type;
    }

    private static CiceroNotificationsOptions Resolve(ServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CiceroNotificationsOptions>>().Value;
    }
}
