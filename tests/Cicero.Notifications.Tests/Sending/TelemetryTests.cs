using Cicero.Notifications.Domain;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.Tests.Sending;

public sealed class TelemetryTests : IDisposable
{
    private readonly TestLibrary _library = new();

    [Fact]
    public async Task No_address_cpr_or_body_appears_in_any_log_record()
    {
        _library.Sms.Then(_ => DeliveryResult.TransientFailure("HTTP 503")).Then(_ => throw new InvalidOperationException("+4520123456 rejected"));
        await _library.SaveProfileAsync("B1", p => _library.WithEmail(_library.WithPhone(p, "20 12 34 56"), "hans@example.dk").SetCpr(Cpr.Parse("070761-4285")).OptIn(Protocol.DigitalPost));
        await _library.NotifyAsync("B1", NotificationType.ReservationReady, title: "Hemmelig titel");
        for (var i = 0; i < 3; i++)
        {
            await _library.Dispatcher.DispatchDueAsync();
            _library.Time.Advance(TimeSpan.FromHours(1));
        }

        var records = _library.Logs.GetSnapshot();
        records.Should().NotBeEmpty();
        var text = string.Join("\n", records.Select(r => r.Message + " " + string.Join(",", r.StructuredState?.Select(s => s.Value) ?? [])));
        text.Should().NotContain("4520123456").And.NotContain("hans@example.dk").And.NotContain("0707614285")
            .And.NotContain("070761").And.NotContain("Hemmelig titel");
    }

    [Fact]
    public async Task Log_events_have_stable_ids()
    {
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));

        await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower);
        await _library.Dispatcher.DispatchDueAsync();

        var events = _library.Logs.GetSnapshot().Select(r => r.Id).ToList();
        events.Should().Contain(new EventId(1, "NotificationCreated")).And.Contain(new EventId(10, "MessageDelivered"));
    }

    [Fact]
    public void Every_log_event_of_the_library_has_its_own_id_and_name()
    {
        var events = typeof(INotifier).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            .Select(m => m.GetCustomAttributes(typeof(LoggerMessageAttribute), false).OfType<LoggerMessageAttribute>().SingleOrDefault())
            .OfType<LoggerMessageAttribute>()
            .ToList();

        events.Should().HaveCountGreaterThan(30);
        events.Select(e => e.EventId).Should().OnlyHaveUniqueItems();
        events.Select(e => e.EventName).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Created_sent_and_failed_messages_are_counted_by_protocol()
    {
        using var created = _library.Metric("cicero.notifications.messages.created");
        using var sent = _library.Metric("cicero.notifications.messages.sent");
        using var failed = _library.Metric("cicero.notifications.messages.failed");
        _library.Email.Then(_ => DeliveryResult.PermanentFailure("SMTP 550"));
        await _library.SaveProfileAsync("B1", p => _library.WithEmail(_library.WithPhone(p, "20 12 34 56"), "hans@example.dk"));

        await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower);
        await _library.Dispatcher.DispatchDueAsync();

        created.GetMeasurementSnapshot().Should().HaveCount(2).And.OnlyContain(m => m.Value == 1);
        sent.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["protocol"].Should().Be("Sms");
        var failure = failed.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        failure.Tags["protocol"].Should().Be("Email");
        failure.Tags["failure"].Should().Be("Rejected");
    }

    [Fact]
    public async Task Queue_depth_is_recorded_after_dispatch()
    {
        using var depth = _library.Metric("cicero.notifications.queue.depth");
        _library.Sms.Then(_ => DeliveryResult.PermanentFailure("HTTP 400"));
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));
        await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower);

        await _library.Dispatcher.DispatchDueAsync();

        depth.LastMeasurement!.Value.Should().Be(1);
    }

    [Fact]
    public async Task In_memory_store_warns_at_start_that_nothing_survives_a_restart()
    {
        _ = _library.Messages;

        _library.Logs.GetSnapshot().Should().Contain(r => r.Id.Name == "InMemoryStore" && r.Level == LogLevel.Warning);
        await Task.CompletedTask;
    }

    public void Dispose() => _library.Dispose();
}
