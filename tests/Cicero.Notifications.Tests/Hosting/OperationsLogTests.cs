using Cicero.Notifications.Domain;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.Tests.Hosting;

/// <summary>Logs that serve operations: one line at start-up about the setup, one per dispatch round that did something, notifications at Debug.</summary>
public sealed class OperationsLogTests
{
    [Fact]
    public async Task Start_up_logs_one_line_naming_the_store_channels_types_and_background_processing()
    {
        using var library = new TestLibrary(services: s => s.AddCiceroNotifications(_ => { }).AddBackgroundProcessing());

        foreach (var service in library.Services.GetServices<IHostedService>().Where(s => s.GetType().Name == "StartupSummary"))
        {
            await service.StartAsync(CancellationToken.None);
        }

        var started = library.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Name == "Started").Subject;
        started.Level.Should().Be(LogLevel.Information);
        started.Message.Should().Be(
            "Cicero.Notifications started: in-memory store (nothing survives a restart); "
            + "channels DigitalPost: RecordingChannel (AtLeastOnce), Email: RecordingChannel (AtLeastOnce), Print: RecordingChannel (AtMostOnce), Sms: RecordingChannel (AtMostOnce); "
            + "notification types ReservationReady, WelcomeBorrower; background processing every 5 s; nightly jobs daily at 02:00 (library time)");
    }

    [Fact]
    public async Task Without_background_processing_the_start_up_line_says_so()
    {
        using var library = new TestLibrary();

        await library.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "StartupSummary").StartAsync(CancellationToken.None);

        library.Logs.GetSnapshot().Single(r => r.Id.Name == "Started").Message
            .Should().EndWith("background processing off (call IMessageDispatcher.DispatchDueAsync yourself); nightly jobs off");
    }

    [Fact]
    public async Task A_dispatch_round_that_did_something_logs_one_information_line_and_an_idle_round_nothing()
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        await library.NotifyAsync("B1", NotificationType.WelcomeBorrower);

        await library.Dispatcher.DispatchDueAsync();
        await library.Dispatcher.DispatchDueAsync();

        var rounds = library.Logs.GetSnapshot().Where(r => r.Id.Name == "DispatchCompleted").ToList();
        rounds.Should().ContainSingle("the idle second round logs nothing").Which.Level.Should().Be(LogLevel.Information);
        rounds[0].Message.Should().StartWith("Dispatch claimed 1 message(s): 1 sent, 0 to retry, 0 failed, 0 waiting for a paused channel, 0 waiting for quiet hours, in ");
    }

    [Fact]
    public async Task A_created_notification_is_logged_at_debug_in_the_readmes_words()
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));

        await library.NotifyAsync("B1", NotificationType.WelcomeBorrower);

        var created = library.Logs.GetSnapshot().Single(r => r.Id.Name == "NotificationCreated");
        (created.Level, created.Message).Should().Be((LogLevel.Debug, "Notification WelcomeBorrower created 1 message(s) on the borrower's chosen protocols"));
    }
}
