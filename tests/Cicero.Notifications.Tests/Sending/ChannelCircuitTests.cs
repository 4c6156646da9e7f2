using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Telemetry;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cicero.Notifications.Tests.Sending;

/// <summary>
/// A broken channel pauses its protocol instead of failing every message: the circuit per protocol opens on a
/// "channel unavailable" result or on transient failures in a row, its messages wait without spending attempts, one
/// message probes after the pause, and the circuit closes when the provider answers again.
/// </summary>
public sealed class ChannelCircuitTests
{
    private const string Unauthorized = "HTTP 401: unauthorized; check the API key";

    private const string Unavailable = "HTTP 503: service unavailable";

    [Fact]
    public async Task A_channel_that_reports_itself_unavailable_pauses_its_protocol_and_spends_no_attempt()
    {
        using var library = Library();
        var created = await NotifySmsAsync(library, 20);
        library.Sms.Otherwise = _ => DeliveryResult.ChannelUnavailable(Unauthorized);

        var first = await library.Dispatcher.DispatchDueAsync();
        var again = await library.Dispatcher.DispatchDueAsync();

        (first, again).Should().Be((new DispatchResult(Claimed: 20, Delivered: 0, Retrying: 0, Failed: 0, Paused: 20), new DispatchResult(0, 0, 0, 0, 0)));
        library.Sms.Sent.Should().HaveCount(1, "after the first refusal no other message is handed to the channel");
        var stored = await Task.WhenAll(created.Select(library.GetAsync));
        stored.Should().OnlyContain(m => m.Status == MessageStatus.Pending && m.AttemptCount == 0);
        var tried = stored.Single(m => m.Id == library.Sms.Sent[0].Id);
        (tried.LastFailure, tried.NextAttemptAt).Should().Be((new MessageFailure(MessageFailureKind.Transient, Unauthorized), TestLibrary.Start.AddSeconds(30)));
    }

    [Fact]
    public async Task A_paused_protocol_does_not_hold_up_the_other_protocols()
    {
        using var library = Library();
        await NotifySmsAsync(library, 3);
        await library.SaveProfileAsync("B2", p => library.WithEmail(p, "grete@example.dk"));
        var mail = (await library.NotifyAsync("B2", NotificationType.WelcomeBorrower)).Single();
        library.Sms.Otherwise = _ => DeliveryResult.ChannelUnavailable(Unauthorized);

        await library.Dispatcher.DispatchDueAsync();

        library.Email.Sent.Select(m => m.Id).Should().Equal(mail.Id);
        (await library.GetAsync(mail.Id)).Status.Should().Be(MessageStatus.Sent);
    }

    [Fact]
    public async Task A_gateway_that_goes_from_401_to_accepting_gets_every_message_after_a_probe_and_none_fails()
    {
        using var library = Library();
        var created = await NotifySmsAsync(library, 10);
        var fixedKey = false;
        library.Sms.Otherwise = _ => fixedKey ? DeliveryResult.Delivered() : DeliveryResult.ChannelUnavailable(Unauthorized);

        await library.Dispatcher.DispatchDueAsync();
        library.Time.Advance(TimeSpan.FromSeconds(29));
        var beforeThePause = await library.Dispatcher.DispatchDueAsync();
        library.Time.Advance(TimeSpan.FromSeconds(1));
        var failedProbe = await library.Dispatcher.DispatchDueAsync();
        fixedKey = true;
        library.Time.Advance(TimeSpan.FromSeconds(59));
        var stillPaused = await library.Dispatcher.DispatchDueAsync();
        library.Time.Advance(TimeSpan.FromSeconds(1));
        var probe = await library.Dispatcher.DispatchDueAsync();

        (beforeThePause.Claimed, failedProbe.Paused, stillPaused.Claimed).Should().Be((0, 10, 0), "a failed probe doubles the pause to 60 s");
        probe.Delivered.Should().Be(10, "once the probe is delivered the circuit is closed for the rest of its batch");
        var stored = await Task.WhenAll(created.Select(library.GetAsync));
        stored.Should().OnlyContain(m => m.Status == MessageStatus.Sent && m.AttemptCount == 1, "the refusals spent no attempt");
        library.Sms.Sent.Should().HaveCount(12, "the first refusal, one failed probe, then each message once");
    }

    [Fact]
    public async Task Messages_that_waited_for_the_probe_go_out_in_the_same_dispatch_once_it_succeeds()
    {
        var store = new UpdateSignallingStore(returnedUnsent: 29);
        using var library = Library(o => o.Dispatch.MaxParallelism = 8, s => s.AddSingleton<IMessageStore>(store));
        var created = await NotifySmsAsync(library, 30);
        var probes = 0;
        library.Sms.Otherwise = _ =>
        {
            if (!store.Watch)
            {
                return DeliveryResult.ChannelUnavailable(Unauthorized);
            }

            // The probe is answered only after the other 29 messages of its batch went back unsent.
            if (Interlocked.Increment(ref probes) == 1)
            {
                store.AllReturned.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();
            }

            return DeliveryResult.Delivered();
        };
        await library.Dispatcher.DispatchDueAsync();
        library.Time.Advance(TimeSpan.FromSeconds(30));
        store.Watch = true;

        var afterThePause = await library.Dispatcher.DispatchDueAsync();

        afterThePause.Delivered.Should().Be(30);
        (await Task.WhenAll(created.Select(library.GetAsync))).Should().OnlyContain(m => m.Status == MessageStatus.Sent && m.AttemptCount == 1);
    }

    [Fact]
    public async Task Five_transient_failures_in_a_row_pause_the_protocol_and_later_ones_spend_no_attempt()
    {
        using var library = Library();
        var created = await NotifySmsAsync(library, 20);
        library.Sms.Otherwise = _ => DeliveryResult.TransientFailure(Unavailable);

        var result = await library.Dispatcher.DispatchDueAsync();

        result.Should().Be(new DispatchResult(Claimed: 20, Delivered: 0, Retrying: 4, Failed: 0, Paused: 16));
        library.Sms.Sent.Should().HaveCount(5);
        var attempts = (await Task.WhenAll(created.Select(library.GetAsync))).Select(m => m.AttemptCount);
        attempts.Order().Should().Equal([.. Enumerable.Repeat(0, 16), 1, 1, 1, 1], "the fifth failure opened the circuit and was the channel's");
    }

    [Fact]
    public async Task One_message_failing_again_and_again_does_not_pause_its_protocol()
    {
        using var library = Library(o => o.Retry.MaxAttempts = 8);
        var created = (await NotifySmsAsync(library, 1)).Single();
        library.Sms.Otherwise = _ => DeliveryResult.TransientFailure("SMS 452: mailbox full");

        for (var round = 0; round < 8; round++)
        {
            await library.Dispatcher.DispatchDueAsync();
            library.Time.Advance(TimeSpan.FromHours(1));
        }

        var stored = await library.GetAsync(created);
        (stored.Status, stored.AttemptCount, stored.LastFailure!.Kind).Should().Be((MessageStatus.Failed, 8, MessageFailureKind.RetriesExhausted));
        library.Logs.GetSnapshot().Should().NotContain(r => r.Id.Name == "CircuitOpened");
    }

    [Fact]
    public async Task Transient_failures_broken_by_a_delivery_do_not_pause_the_protocol()
    {
        using var library = Library();
        await NotifySmsAsync(library, 20);
        var sends = 0;
        library.Sms.Otherwise = _ => ++sends % 4 == 0 ? DeliveryResult.Delivered() : DeliveryResult.TransientFailure(Unavailable);

        var result = await library.Dispatcher.DispatchDueAsync();

        (result.Retrying, result.Delivered, result.Paused).Should().Be((15, 5, 0));
    }

    [Fact]
    public async Task A_refused_message_closes_the_circuit_because_the_provider_answered()
    {
        using var library = Library();
        var created = await NotifySmsAsync(library, 3);
        library.Sms.Then(_ => DeliveryResult.ChannelUnavailable(Unauthorized)).Then(_ => DeliveryResult.PermanentFailure("Unknown subscriber"));
        library.Sms.Otherwise = _ => DeliveryResult.Delivered();

        await library.Dispatcher.DispatchDueAsync();
        library.Time.Advance(TimeSpan.FromSeconds(30));
        var probe = await library.Dispatcher.DispatchDueAsync();

        (probe.Failed, probe.Delivered).Should().Be((1, 2));
        (await Task.WhenAll(created.Select(library.GetAsync))).Select(m => m.Status).Should().BeEquivalentTo([MessageStatus.Failed, MessageStatus.Sent, MessageStatus.Sent]);
    }

    [Fact]
    public async Task Ten_thousand_messages_during_a_503_hour_are_all_sent_after_recovery_with_one_warning_and_one_information_log()
    {
        using var library = Library(o => o.Dispatch.MaxParallelism = 4);
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        var created = new List<MessageId>();
        for (var i = 0; i < 10_000; i++)
        {
            created.AddRange((await library.NotifyAsync("B1", NotificationType.WelcomeBorrower, title: $"Bog {i}")).Select(m => m.Id));
        }

        var recovery = TestLibrary.Start.AddHours(1);
        library.Sms.Otherwise = _ => library.Time.GetUtcNow() < recovery ? DeliveryResult.TransientFailure(Unavailable) : DeliveryResult.Delivered();
        var duringTheOutage = 0;
        while (library.Time.GetUtcNow() < recovery.AddMinutes(15))
        {
            await library.Dispatcher.DispatchDueAsync();
            duringTheOutage = library.Time.GetUtcNow() < recovery ? library.Sms.Sent.Count : duringTheOutage;
            library.Time.Advance(TimeSpan.FromSeconds(30));
        }

        var stored = await Task.WhenAll(created.Select(library.GetAsync));
        stored.Should().OnlyContain(m => m.Status == MessageStatus.Sent);
        stored.Max(m => m.AttemptCount).Should().BeLessThanOrEqualTo(2, "only failures before the circuit opened spent an attempt");
        duringTheOutage.Should().BeLessThan(20, "a paused protocol is only probed, about once every 10 minutes at most");
        var circuitLogs = library.Logs.GetSnapshot().Where(r => r.Id.Name is "CircuitOpened" or "CircuitClosed").ToList();
        circuitLogs.Select(r => (r.Id.Name, r.Level)).Should().Equal(("CircuitOpened", LogLevel.Warning), ("CircuitClosed", LogLevel.Information));
        circuitLogs[0].Message.Should().Contain("Sms").And.Contain(Unavailable).And.NotContain("20123456");
    }

    [Fact]
    public async Task A_paused_protocol_makes_the_health_check_degraded_and_sets_the_circuit_gauge()
    {
        using var library = Library(configureServices: s => s.AddHealthChecks().AddCiceroNotifications());
        using var gauge = library.Metric<int>("cicero.notifications.channel.circuit");
        await NotifySmsAsync(library, 2);
        library.Sms.Otherwise = _ => DeliveryResult.ChannelUnavailable(Unauthorized);

        await library.Dispatcher.DispatchDueAsync();
        var report = await library.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        gauge.RecordObservableInstruments();

        var entry = report.Entries["cicero-notifications"];
        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Be($"The Sms channel is paused since 2026-11-02 09:00:00Z ({Unauthorized}); the next probe is at 2026-11-02 09:00:30Z.");
        var measurement = gauge.LastMeasurement!;
        (measurement.Value, measurement.Tags["protocol"]).Should().Be((2, (object?)"Sms"));
    }

    // ---- The circuit itself (ChannelCircuits): the decisions, without a dispatcher ------------------------------------

    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_delivery_on_a_protocol_that_never_failed_creates_no_circuit()
    {
        var circuits = Circuits();

        var until = circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.Delivered(), T0);

        (until, circuits.States().Count, circuits.IsClosed(Protocol.Sms), circuits.TryPass(Protocol.Sms, T0)).Should().Be(((DateTimeOffset?)null, 0, true, CircuitPass.Send));
    }

    [Fact]
    public void A_channel_unavailable_result_pauses_the_protocol_for_the_break_duration()
    {
        var circuits = Circuits();

        var until = circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);

        until.Should().Be(T0.AddSeconds(30));
        circuits.Paused(T0.AddSeconds(29)).Should().Equal(Protocol.Sms);
        circuits.TryPass(Protocol.Sms, T0.AddSeconds(29)).Should().Be(CircuitPass.Paused);
        circuits.IsClosed(Protocol.Sms).Should().BeFalse();
        circuits.NotClosed().Should().Equal(new CircuitSnapshot(Protocol.Sms, CircuitState.Open, T0, T0.AddSeconds(30), Unavailable));
    }

    [Fact]
    public void When_the_pause_ends_exactly_one_message_is_let_through_as_the_probe()
    {
        var circuits = Circuits();
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);
        var end = T0.AddSeconds(30);

        var pausedAtTheEnd = circuits.Paused(end);
        var first = circuits.TryPass(Protocol.Sms, end);
        var second = circuits.TryPass(Protocol.Sms, end);

        (pausedAtTheEnd.Count, first, second).Should().Be((0, CircuitPass.Probe, CircuitPass.Paused));
        circuits.Paused(end).Should().Equal(Protocol.Sms); // half-open: nothing more is claimed while the probe is out
        circuits.NotClosed().Single().State.Should().Be(CircuitState.HalfOpen);
    }

    [Fact]
    public void A_failed_probe_doubles_the_pause_up_to_the_longest_pause()
    {
        var circuits = Circuits(c => c.MaxBreakDuration = TimeSpan.FromSeconds(100));
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);
        var probe1 = T0.AddSeconds(30);
        circuits.TryPass(Protocol.Sms, probe1);

        var second = circuits.Record(Protocol.Sms, MessageId.New(probe1), DeliveryResult.TransientFailure("Timeout"), probe1);
        var probe2 = second!.Value;
        circuits.TryPass(Protocol.Sms, probe2);
        var third = circuits.Record(Protocol.Sms, MessageId.New(probe2), DeliveryResult.ChannelUnavailable(Unavailable), probe2);

        (second, third).Should().Be((probe1.AddSeconds(60), probe2.AddSeconds(100)));
        circuits.NotClosed().Single().OpenedAt.Should().Be(T0);
    }

    [Fact]
    public void A_delivered_probe_closes_the_circuit_and_logs_how_long_the_protocol_was_paused()
    {
        var logs = new FakeLogCollector();
        var circuits = Circuits(logger: new FakeLogger<ChannelCircuits>(logs));
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);
        circuits.TryPass(Protocol.Sms, T0.AddSeconds(30));

        var until = circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.Delivered(), T0.AddSeconds(45));

        until.Should().BeNull();
        (circuits.IsClosed(Protocol.Sms), circuits.NotClosed().Count, circuits.Paused(T0.AddSeconds(45)).Count).Should().Be((true, 0, 0));
        circuits.States().Should().Equal((Protocol.Sms, CircuitState.Closed));
        logs.GetSnapshot().Select(l => (l.Id.Name, l.Level)).Should().Equal(("CircuitOpened", LogLevel.Warning), ("CircuitClosed", LogLevel.Information));
        logs.LatestRecord.Message.Should().Be("The Sms channel works again after 45 s: its messages are sent");
    }

    [Fact]
    public void A_refused_probe_closes_the_circuit_too()
    {
        var circuits = Circuits();
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);
        circuits.TryPass(Protocol.Sms, T0.AddSeconds(30));

        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.PermanentFailure("Unknown number"), T0.AddSeconds(31));

        circuits.IsClosed(Protocol.Sms).Should().BeTrue();
    }

    [Fact]
    public void A_circuit_that_opens_again_after_closing_pauses_for_the_first_break_again()
    {
        var circuits = Circuits();
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);
        circuits.TryPass(Protocol.Sms, T0.AddSeconds(30));
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.TransientFailure("Timeout"), T0.AddSeconds(30)); // paused for 60 s now
        circuits.TryPass(Protocol.Sms, T0.AddSeconds(90));
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.Delivered(), T0.AddSeconds(90));
        var later = T0.AddHours(1);

        var until = circuits.Record(Protocol.Sms, MessageId.New(later), DeliveryResult.ChannelUnavailable(Unavailable), later);

        until.Should().Be(later.AddSeconds(30));
        circuits.NotClosed().Single().OpenedAt.Should().Be(later);
    }

    [Fact]
    public void A_channel_that_asks_for_a_longer_wait_is_paused_until_then()
    {
        var circuits = Circuits();

        var until = circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable, TimeSpan.FromMinutes(5)), T0);

        until.Should().Be(T0.AddMinutes(5));
    }

    [Fact]
    public void A_channel_that_asks_for_a_shorter_wait_is_still_paused_for_the_break_duration()
    {
        var circuits = Circuits();

        var until = circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable, TimeSpan.FromSeconds(10)), T0);

        until.Should().Be(T0.AddSeconds(30));
    }

    [Fact]
    public void A_failure_that_comes_back_while_the_circuit_is_open_keeps_the_pause_as_it_is()
    {
        var logs = new FakeLogCollector();
        var circuits = Circuits(logger: new FakeLogger<ChannelCircuits>(logs));
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);

        var until = circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.TransientFailure("Timeout"), T0.AddSeconds(10));

        until.Should().Be(T0.AddSeconds(30));
        circuits.NotClosed().Single().Should().Be(new CircuitSnapshot(Protocol.Sms, CircuitState.Open, T0, T0.AddSeconds(30), "Timeout"));
        logs.GetSnapshot().Should().ContainSingle(); // only the opening is logged
    }

    [Fact]
    public void A_failure_that_comes_back_while_the_circuit_is_open_may_lengthen_the_pause_it_asks_for()
    {
        var circuits = Circuits();
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);

        var until = circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable, TimeSpan.FromMinutes(2)), T0.AddSeconds(10));

        until.Should().Be(T0.AddSeconds(10).AddMinutes(2));
    }

    [Fact]
    public void A_failed_probe_is_logged_at_debug_level_with_the_new_end_of_the_pause()
    {
        var logs = new FakeLogCollector();
        var circuits = Circuits(logger: new FakeLogger<ChannelCircuits>(logs));
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);
        circuits.TryPass(Protocol.Sms, T0.AddSeconds(30));

        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.TransientFailure("Timeout"), T0.AddSeconds(30));

        logs.GetSnapshot().Select(l => (l.Id.Name, l.Level)).Should().Equal(("CircuitOpened", LogLevel.Warning), ("CircuitProbeFailed", LogLevel.Debug));
        logs.LatestRecord.Message.Should().Contain("(Timeout)");
    }

    [Fact]
    public void Transient_failures_of_as_many_different_messages_as_the_threshold_open_the_circuit()
    {
        var circuits = Circuits(c => c.FailureThreshold = 3);

        var results = Enumerable.Range(0, 3).Select(_ => circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.TransientFailure("Timeout"), T0)).ToList();

        results.Should().Equal(null, null, T0.AddSeconds(30));
    }

    [Fact]
    public void Transient_failures_of_the_same_message_count_once_towards_the_threshold()
    {
        var circuits = Circuits(c => c.FailureThreshold = 2);
        var id = MessageId.New(T0);

        var results = Enumerable.Range(0, 3).Select(_ => circuits.Record(Protocol.Sms, id, DeliveryResult.TransientFailure("Timeout"), T0)).ToList();

        results.Should().AllSatisfy(r => r.Should().BeNull());
        circuits.IsClosed(Protocol.Sms).Should().BeTrue();
    }

    [Fact]
    public void A_threshold_of_zero_opens_the_circuit_only_on_channel_unavailable()
    {
        var circuits = Circuits(c => c.FailureThreshold = 0);

        var results = Enumerable.Range(0, 10).Select(_ => circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.TransientFailure("Timeout"), T0)).ToList();

        results.Should().AllSatisfy(r => r.Should().BeNull());
        circuits.IsClosed(Protocol.Sms).Should().BeTrue();
    }

    [Fact]
    public void A_delivery_between_transient_failures_starts_the_count_again()
    {
        var circuits = Circuits(c => c.FailureThreshold = 2);
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.TransientFailure("Timeout"), T0);
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.Delivered(), T0);

        var until = circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.TransientFailure("Timeout"), T0);

        until.Should().BeNull();
    }

    [Fact]
    public void A_probe_that_was_not_sent_lets_the_next_message_probe()
    {
        var circuits = Circuits();
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);
        circuits.TryPass(Protocol.Sms, T0.AddSeconds(30));

        circuits.ProbeNotSent(Protocol.Sms);

        circuits.TryPass(Protocol.Sms, T0.AddSeconds(30)).Should().Be(CircuitPass.Probe);
    }

    [Fact]
    public void A_probe_not_sent_leaves_an_open_or_unknown_circuit_as_it_is()
    {
        var circuits = Circuits();
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);

        circuits.ProbeNotSent(Protocol.Sms);
        circuits.ProbeNotSent(Protocol.Email);

        circuits.States().Should().Equal((Protocol.Sms, CircuitState.Open));
    }

    [Fact]
    public void Only_the_failing_protocol_is_paused_and_snapshots_are_ordered_by_protocol_name()
    {
        var circuits = Circuits();
        circuits.Record(Protocol.Sms, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);
        circuits.Record(Protocol.Email, MessageId.New(T0), DeliveryResult.ChannelUnavailable(Unavailable), T0);
        circuits.Record(Protocol.DigitalPost, MessageId.New(T0), DeliveryResult.TransientFailure("Timeout"), T0);

        circuits.Paused(T0).Should().BeEquivalentTo(new[] { Protocol.Sms, Protocol.Email });
        circuits.NotClosed().Select(s => s.Protocol).Should().Equal(Protocol.Email, Protocol.Sms);
        (circuits.IsClosed(Protocol.DigitalPost), circuits.TryPass(Protocol.DigitalPost, T0)).Should().Be((true, CircuitPass.Send));
    }

    private static ChannelCircuits Circuits(Action<CircuitOptions>? configure = null, ILogger<ChannelCircuits>? logger = null)
    {
        var options = new CiceroNotificationsOptions();
        configure?.Invoke(options.Dispatch.Circuit);
        return new ChannelCircuits(new ServerSetup(Microsoft.Extensions.Options.Options.Create(options)), new CiceroTelemetry(), logger);
    }

    private static TestLibrary Library(Action<CiceroNotificationsOptions>? configure = null, Action<IServiceCollection>? configureServices = null) => new(o =>
    {
        o.Dispatch.MaxParallelism = 1;
        o.Retry.MaxAttempts = 3;
        configure?.Invoke(o);
    }, configureServices);

    private static async Task<List<MessageId>> NotifySmsAsync(TestLibrary library, int count)
    {
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        var created = new List<MessageId>();
        for (var i = 0; i < count; i++)
        {
            created.AddRange((await library.NotifyAsync("B1", NotificationType.WelcomeBorrower, title: $"Bog {i}")).Select(m => m.Id));
        }

        return created;
    }

    /// <summary>Signals once the dispatcher has returned the given number of messages unchanged (unsent, their protocol paused).</summary>
    private sealed class UpdateSignallingStore(int returnedUnsent) : DelegatingMessageStore(new InMemoryMessageStore())
    {
        private int _returned;

        public bool Watch { get; set; }

        public ManualResetEventSlim AllReturned { get; } = new();

        public override async Task<Message?> TryUpdateAsync(Message message, CancellationToken cancellationToken = default)
        {
            var before = await Inner.GetAsync(message.Id, cancellationToken);
            var updated = await Inner.TryUpdateAsync(message, cancellationToken);
            if (Watch && before is not null && before.History.Length == message.History.Length && Interlocked.Increment(ref _returned) == returnedUnsent)
            {
                AllReturned.Set();
            }

            return updated;
        }
    }
}
