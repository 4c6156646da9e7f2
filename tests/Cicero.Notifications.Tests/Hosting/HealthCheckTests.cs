using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cicero.Notifications.Tests.Hosting;

/// <summary>The health check: the store answers, due messages are being sent, the message queue is not piling up.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task A_library_sending_its_messages_is_healthy()
    {
        using var library = Library();
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        await library.NotifyAsync("B1", NotificationType.WelcomeBorrower);
        await library.Dispatcher.DispatchDueAsync();

        var entry = await CheckAsync(library);

        (entry.Status, entry.Description).Should().Be((HealthStatus.Healthy, "Due messages are being sent; 0 message(s) in the message queue."));
    }

    [Fact]
    public async Task A_due_message_waiting_longer_than_15_minutes_makes_it_degraded_and_points_at_background_processing()
    {
        using var library = Library();
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        await library.NotifyAsync("B1", NotificationType.WelcomeBorrower);
        library.Time.Advance(TimeSpan.FromMinutes(16));

        var entry = await CheckAsync(library);

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Be("The oldest due message has waited 16 min (limit 15 min): is background processing added (AddBackgroundProcessing) and the dispatcher running?");
        entry.Data["oldest_due_age_seconds"].Should().Be(960L);
    }

    [Fact]
    public async Task A_message_queue_deeper_than_its_limit_makes_it_degraded()
    {
        using var library = Library(o => o.MaxQueueDepth = 1);
        library.Sms.Otherwise = _ => DeliveryResult.PermanentFailure("Unknown subscriber");
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        await library.NotifyAsync("B1", NotificationType.WelcomeBorrower);
        await library.NotifyAsync("B1", NotificationType.WelcomeBorrower, title: "Bog B");
        await library.Dispatcher.DispatchDueAsync();

        var entry = await CheckAsync(library);

        (entry.Status, entry.Description).Should().Be((HealthStatus.Degraded, "The message queue holds 2 messages (limit 1) for staff to handle."));
        entry.Data["queue_depth"].Should().Be(2L);
    }

    [Fact]
    public async Task A_store_that_cannot_be_reached_makes_it_unhealthy_without_the_drivers_words()
    {
        using var library = Library(services: s => s.AddSingleton<IMessageStore>(new UnreachableStore()));

        var entry = await CheckAsync(library);

        (entry.Status, entry.Description).Should().Be((HealthStatus.Unhealthy, "The message store could not be reached (IOException)."));
    }

    private static TestLibrary Library(Action<CiceroNotificationsHealthCheckOptions>? configure = null, Action<IServiceCollection>? services = null)
        => new(services: s =>
        {
            s.AddHealthChecks().AddCiceroNotifications(configure);
            services?.Invoke(s);
        });

    private static async Task<HealthReportEntry> CheckAsync(TestLibrary library)
        => (await library.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["cicero-notifications"];

    /// <summary>A store whose database is gone; the driver's message names a file that must not reach the description.</summary>
    private sealed class UnreachableStore() : DelegatingMessageStore(new InMemoryMessageStore())
    {
        public override Task<DateTimeOffset?> GetOldestDueAsync(DateTimeOffset now, IReadOnlyCollection<Protocol> excludedProtocols, CancellationToken cancellationToken = default)
            => throw new IOException("unable to open /srv/secret/notifications.db");
    }
}
