using System.Collections.Concurrent;
using System.Diagnostics;
using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>
/// Several hosts (separate DI containers, each with its own dispatcher and <see cref="RecordingChannel"/>) share one
/// durable store: every message created through <see cref="INotifier"/> is delivered exactly once and none is left
/// Pending. For stores that several processes can share (not the in-memory one). The test carries the trait
/// <c>Category=Long</c>: it runs 2 000 messages, or 20 000 when the environment variable <c>CICERO_LONG_TESTS</c> is <c>1</c>.
/// </summary>
/// <param name="output">Where the test writes how long notifying and dispatching took.</param>
public abstract class DispatcherConcurrencyTests(ITestOutputHelper output)
{
    private const int Hosts = 4;
    private const int Borrowers = 50;
    private const string LongTestsVariable = "CICERO_LONG_TESTS";
    private static readonly string[] FallbackHostProtocols = ["Sms", "Email", "Print"];

    /// <summary>Gets how many messages the hosts create and dispatch (a multiple of 8: four hosts notify two at a time).</summary>
    /// <value>The default is 2 000, or 20 000 when the environment variable <c>CICERO_LONG_TESTS</c> is <c>1</c>.</value>
    protected virtual int MessageCount => Environment.GetEnvironmentVariable(LongTestsVariable) == "1" ? 20_000 : 2_000;

    /// <summary>Registers the store under test on one host's builder; every call must reach the same database.</summary>
    /// <param name="builder">The host's builder.</param>
    protected abstract void UseStore(ICiceroNotificationsBuilder builder);

    /// <summary>Four hosts deliver every message exactly once and leave none pending.</summary>
    [Fact]
    [Trait("Category", "Long")]
    public async Task Four_hosts_deliver_every_message_exactly_once_and_leave_none_pending()
    {
        var time = new FakeTimeProvider(T0);
        var channels = Enumerable.Range(0, Hosts).Select(_ => new RecordingChannel()).ToArray();
        var hosts = channels.Select(channel => CreateHost(channel, time)).ToArray();
        try
        {
            var borrowers = await CreateBorrowersAsync(hosts[0]);
            var stopwatch = Stopwatch.StartNew();
            var created = await NotifyAsync(hosts, borrowers);
            var notified = stopwatch.Elapsed;

            await Task.WhenAll(hosts.Select(host => Task.Run(() => DispatchUntilNothingIsDueAsync(host))));
            output.WriteLine($"{MessageCount} messages: notified through {Hosts} hosts in {notified.TotalSeconds:F1} s, dispatched by {Hosts} hosts in {(stopwatch.Elapsed - notified).TotalSeconds:F1} s (per host: {string.Join(", ", channels.Select(c => c.Sent.Count))})");

            // Sorted and compared in order: each created id appears once among the sends, and nothing else does.
            var delivered = channels.SelectMany(c => c.Sent).Select(m => m.Id.Value).Order().ToList();
            var pending = await CountPendingAsync(hosts[0], borrowers);
            delivered.Should().Equal(created.Select(id => id.Value).Order(), "every message is sent once, by one host");
            pending.Should().Be(0);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Two hosts whose SMS and e-mail channels refuse everything fall back to a letter exactly once per notification, also
    /// when the two failures of one notification are recorded by different hosts at the same moment.
    /// </summary>
    [Fact]
    public async Task Two_hosts_failing_every_message_fall_back_once_per_notification()
    {
        const int notifications = 200;
        var time = new FakeTimeProvider(T0);
        var letters = new[] { new RecordingChannel(), new RecordingChannel() };
        var hosts = letters.Select(letter => CreateFallbackHost(letter, time)).ToArray();
        try
        {
            var borrowers = await CreateBorrowersAsync(hosts[0], withEmail: true);
            var notifier = hosts[0].GetRequiredService<INotifier>();
            var firsts = new List<MessageId>();
            for (var i = 0; i < notifications; i++)
            {
                var notification = new Notification(borrowers[i % borrowers.Length], NotificationType.ReservationReady) { Data = new Dictionary<string, object?> { ["title"] = $"Bog {i}" } };
                firsts.Add((await notifier.NotifyAsync(notification))[0].Id);
            }

            await Task.WhenAll(hosts.Select(host => Task.Run(() => DispatchUntilNothingIsDueAsync(host))));

            var store = hosts[0].GetRequiredService<IMessageStore>();
            var fallbacks = new List<MessageId>();
            foreach (var first in firsts)
            {
                var messages = await store.ListByNotificationAsync(first);
                messages.Where(m => m.Protocol.Name == "Print").Should().ContainSingle("one fallback per notification").Which.Status.Should().Be(MessageStatus.Sent);
                fallbacks.Add(messages.Single(m => m.Protocol.Name == "Print").Id);
            }

            letters.SelectMany(l => l.Sent).Select(m => m.Id.Value).Order().Should().Equal(fallbacks.Select(id => id.Value).Order(), "each letter is sent once, by one host");
            (await store.CountQueueAsync()).Should().Be(0);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private ServiceProvider CreateFallbackHost(RecordingChannel letter, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        var builder = services.AddCiceroNotifications(o =>
        {
            o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "Print", Address = ProtocolAddress.None });
            o.Types[NotificationType.ReservationReady.Name] = new NotificationTypeOptions { Protocols = { Protocol.Sms, Protocol.Email }, Fallback = { Protocol.Parse("Print") } };
            o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email");
            foreach (var protocol in FallbackHostProtocols)
            {
                o.Templates.Add(new TemplateOptions { Type = "ReservationReady", Protocol = protocol, Culture = "da-DK", Subject = protocol == "Sms" ? null : "Klar", Body = "Klar: {{ title }}" });
            }

            o.Dispatch.BatchSize = 1; // The two messages of a notification are often claimed by different hosts.
        });
        builder.AddChannel(Protocol.Sms, new RecordingChannel { Otherwise = _ => DeliveryResult.PermanentFailure("Unknown number.") });
        builder.AddChannel(Protocol.Email, new RecordingChannel { Otherwise = _ => DeliveryResult.PermanentFailure("Unknown mailbox.") });
        builder.AddChannel(Protocol.Parse("Print"), letter);
        UseStore(builder);
        return services.BuildServiceProvider();
    }

    private ServiceProvider CreateHost(RecordingChannel channel, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        var builder = services.AddCiceroNotifications(o =>
        {
            o.Types[NotificationType.ReservationReady.Name] = new NotificationTypeOptions { Protocols = { Protocol.Sms } };
            o.Templates.Add(new TemplateOptions { Type = "ReservationReady", Protocol = "Sms", Culture = "da-DK", Body = "Klar: {{ title }}" });
            o.Dispatch.BatchSize = 200;
        });
        builder.AddChannel(Protocol.Sms, channel);
        UseStore(builder);
        return services.BuildServiceProvider();
    }

    private static async Task<BorrowerId[]> CreateBorrowersAsync(IServiceProvider host, bool withEmail = false)
    {
        var profiles = host.GetRequiredService<IBorrowerProfileStore>();
        var borrowers = Enumerable.Range(0, Borrowers).Select(_ => NewBorrower()).ToArray();
        foreach (var id in borrowers)
        {
            var profile = BorrowerProfile.Create(id).AddContact(ContactPoint.ForPhone(Phone, ContactPurpose.Notification, ContactSource.Import, T0));
            profile = withEmail ? profile.AddContact(ContactPoint.ForEmail(Email, ContactPurpose.Notification, ContactSource.Import, T0)) : profile;
            (await profiles.TrySaveAsync(profile)).Should().NotBeNull();
        }

        return borrowers;
    }

    /// <summary>Every host notifies its share, two at a time, all hosts at once.</summary>
    private async Task<List<MessageId>> NotifyAsync(ServiceProvider[] hosts, BorrowerId[] borrowers)
    {
        var created = new ConcurrentBag<MessageId>();
        var perWorker = MessageCount / (Hosts * 2);
        await Task.WhenAll(Enumerable.Range(0, Hosts * 2).Select(worker => Task.Run(async () =>
        {
            var notifier = hosts[worker % Hosts].GetRequiredService<INotifier>();
            for (var i = 0; i < perWorker; i++)
            {
                var borrower = borrowers[(worker * perWorker + i) % borrowers.Length];
                var notification = new Notification(borrower, NotificationType.ReservationReady) { Data = new Dictionary<string, object?> { ["title"] = $"Bog {i}" } };
                foreach (var message in await notifier.NotifyAsync(notification))
                {
                    created.Add(message.Id);
                }
            }
        })));
        created.Should().HaveCount(perWorker * Hosts * 2);
        return [.. created];
    }

    private static async Task DispatchUntilNothingIsDueAsync(IServiceProvider host)
    {
        var dispatcher = host.GetRequiredService<IMessageDispatcher>();
        while ((await dispatcher.DispatchDueAsync()).Claimed > 0)
        {
        }
    }

    private static async Task<int> CountPendingAsync(IServiceProvider host, BorrowerId[] borrowers)
    {
        var store = host.GetRequiredService<IMessageStore>();
        var pending = 0;
        foreach (var borrower in borrowers)
        {
            pending += (await store.ListByBorrowerAsync(borrower, MessageStatus.Pending, new PageRequest(PageRequest.MaxSize))).Items.Count;
        }

        return pending;
    }
}
