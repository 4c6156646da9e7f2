using Cicero.Notifications.Domain;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Tests.Sending;

public sealed class DispatchAndRetryOptionsTests
{
    [Fact]
    public void The_default_dispatch_and_retry_options_start()
    {
        var act = () => Bind(new());

        act.Should().NotThrow();
    }

    [Theory]
    [InlineData("Dispatch:BatchSize", "0", "Cicero:Notifications:Dispatch:BatchSize must be at least 1, not 0.")]
    [InlineData("Dispatch:MaxParallelism", "0", "Cicero:Notifications:Dispatch:MaxParallelism must be at least 1 (or -1 for one per processor), not 0.")]
    [InlineData("Dispatch:MaxParallelism", "-2", "Cicero:Notifications:Dispatch:MaxParallelism must be at least 1 (or -1 for one per processor), not -2.")]
    [InlineData("Dispatch:LeaseDuration", "00:00:00", "Cicero:Notifications:Dispatch:LeaseDuration must be positive, not 00:00:00.")]
    [InlineData("Dispatch:Interval", "-00:00:01", "Cicero:Notifications:Dispatch:Interval must be positive, not -00:00:01.")]
    [InlineData("Dispatch:Circuit:FailureThreshold", "-1", "Cicero:Notifications:Dispatch:Circuit:FailureThreshold must be 0 or more, not -1.")]
    [InlineData("Dispatch:Circuit:BreakDuration", "00:00:00", "Cicero:Notifications:Dispatch:Circuit:BreakDuration must be positive, not 00:00:00.")]
    [InlineData("Dispatch:Circuit:MaxBreakDuration", "00:00:10", "Cicero:Notifications:Dispatch:Circuit:MaxBreakDuration (00:00:10) must be at least Dispatch.Circuit.BreakDuration (00:00:30).")]
    [InlineData("Retry:MaxAttempts", "0", "Cicero:Notifications:Retry:MaxAttempts must be at least 1, not 0.")]
    [InlineData("VerificationRetry:MaxAttempts", "-1", "Cicero:Notifications:VerificationRetry:MaxAttempts must be at least 1, not -1.")]
    [InlineData("Retry:MaxDelay", "00:00:10", "Cicero:Notifications:Retry needs 0 <= BaseDelay <= MaxDelay, not BaseDelay 00:00:30 and MaxDelay 00:00:10.")]
    [InlineData("Retry:Multiplier", "0.5", "Cicero:Notifications:Retry:Multiplier must be at least 1, not 0.5.")]
    [InlineData("Retry:Jitter", "1.5", "Cicero:Notifications:Retry:Jitter must be between 0 and 1, not 1.5.")]
    public void A_dispatch_or_retry_setting_out_of_range_fails_start_up_naming_its_configuration_path(string key, string value, string message)
    {
        var act = () => Bind(new() { ["Cicero:Notifications:" + key] = value });

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(message);
    }

    [Fact]
    public void Minus_one_parallelism_means_one_per_processor_and_starts()
    {
        var act = () => Bind(new() { ["Cicero:Notifications:Dispatch:MaxParallelism"] = "-1" });

        act.Should().NotThrow();
    }

    private static CiceroNotificationsOptions Bind(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Cicero:Notifications:Verification:BaseUrl", "https://bibliotek.example.dk/bekraeft-email");
        settings.TryAdd("Cicero:Notifications:Types:ReservationReady:Protocols:0", "Sms");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddCiceroNotifications(configuration.GetSection("Cicero:Notifications"))
            .AddChannel(Protocol.Sms, new RecordingChannel())
            .AddChannel(Protocol.Email, new RecordingChannel())
            .AddChannel(Protocol.DigitalPost, new RecordingChannel());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CiceroNotificationsOptions>>().Value;
    }
}
