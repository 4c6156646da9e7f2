using Cicero.Notifications.Domain;
using Cicero.Notifications.Tests.Borrowers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Tests.Nightly;

public sealed class NightlyOptionsTests
{
    [Fact]
    public void The_defaults_are_two_oclock_Copenhagen_time_and_30_days()
    {
        var options = new CiceroNotificationsOptions().Nightly;

        options.Should().BeEquivalentTo(new { RunAt = new TimeOnly(2, 0), RetentionPeriod = TimeSpan.FromDays(30), CatchUpOnStart = true });
    }

    [Fact]
    public void Nightly_and_verification_options_bind_from_configuration()
    {
        var options = Bind(new()
        {
            ["Cicero:Notifications:Nightly:RunAt"] = "03:30",
            ["Cicero:Notifications:TimeZone"] = "Europe/Berlin",
            ["Cicero:Notifications:Nightly:RetentionPeriod"] = "60.00:00:00",
            ["Cicero:Notifications:Verification:BaseUrl"] = "https://bibliotek.example.dk/bekraeft-email",
        });

        options.Should().BeEquivalentTo(new
        {
            TimeZone = "Europe/Berlin",
            Nightly = new { RunAt = new TimeOnly(3, 30), RetentionPeriod = TimeSpan.FromDays(60) },
            Verification = new { BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email") },
        });
    }

    [Fact]
    public void An_unknown_time_zone_fails_when_the_host_starts()
    {
        var act = () => new ProfileHarness(o => o.TimeZone = "Europe/Atlantis");

        act.Should().Throw<OptionsValidationException>().WithMessage("*TimeZone 'Europe/Atlantis' is not a time zone known on this machine*");
    }

    [Fact]
    public void A_retention_period_that_is_not_positive_fails_when_the_host_starts()
    {
        var act = () => new ProfileHarness(o => o.Nightly.RetentionPeriod = TimeSpan.Zero);

        act.Should().Throw<OptionsValidationException>().WithMessage("*Nightly.RetentionPeriod must be positive*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void A_batch_size_out_of_range_fails_when_the_host_starts(int batchSize)
    {
        var act = () => new ProfileHarness(o => o.Nightly.BatchSize = batchSize);

        act.Should().Throw<OptionsValidationException>().WithMessage("*Nightly.BatchSize must be 1–10000*");
    }

    [Fact]
    public void AddCiceroNotifications_registers_profiles_verification_and_nightly_jobs()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o => o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/v"));

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        new object[] { provider.GetRequiredService<IBorrowerProfiles>(), provider.GetRequiredService<IEmailVerification>(), provider.GetRequiredService<INightlyJobs>() }.Should().NotContainNulls();
    }

    [Fact]
    public void AddBackgroundProcessing_adds_the_nightly_service_once()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { }).AddBackgroundProcessing().AddBackgroundProcessing();

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType?.Name);

        hosted.Should().ContainSingle(n => n == "NightlyBackgroundService");
    }

    private static CiceroNotificationsOptions Bind(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Cicero:Notifications:Types:ReservationReady:Protocols:0", "Sms");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddCiceroNotifications(configuration.GetSection(CiceroNotificationsOptions.SectionName))
            .AddChannel(Protocol.Sms, new Cicero.Notifications.Testing.RecordingChannel());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CiceroNotificationsOptions>>().Value;
    }
}
