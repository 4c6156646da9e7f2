using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.Http.Tests.Support;

/// <summary>
/// A fake gateway on loopback plus the real pipeline (<c>AddCiceroNotifications</c> with in-memory stores and an
/// <c>AddHttpChannel</c> for SMS), a <see cref="FakeTimeProvider"/> and a log collector for every category at Trace.
/// </summary>
internal sealed class HttpHarness : PipelineHarness
{
    public const string ApiKey = "sk-live-7f3a9c2e-hemmelig";

    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>How long a protocol pauses first when its channel is unavailable (the default <c>Dispatch.Circuit.BreakDuration</c>).</summary>
    public static readonly TimeSpan BreakDuration = new CircuitOptions().BreakDuration;

    private HttpHarness(FakeGateway gateway, ServiceProvider services, FakeTimeProvider time, FakeLogCollector logs)
        : base(services, time, logs)
    {
        Gateway = gateway;
    }

    public FakeGateway Gateway { get; }

    public INotificationChannel Channel => Services.GetRequiredKeyedService<HttpChannel>("Sms");

    public static async Task<HttpHarness> StartAsync(Action<HttpChannelOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var gateway = await FakeGateway.StartAsync();
        var time = new FakeTimeProvider(Start);
        var logs = new FakeLogCollector();
        var collection = NewServices(time, logs);
        services?.Invoke(collection);
        collection.AddCiceroNotifications(o =>
            {
                o.Types["ReservationReady"] = new NotificationTypeOptions { Protocols = { Protocol.Sms } };
                o.Retry.BaseDelay = TimeSpan.FromMinutes(1);
                o.Retry.Jitter = 0;
                o.Templates.Add(new() { Type = "ReservationReady", Protocol = "Sms", Body = "Din reservering er klar: {{ title }}" });
            })
            .AddHttpChannel(Protocol.Sms, o =>
            {
                o.Url = gateway.Url;
                o.Headers["X-Api-Key"] = ApiKey;
                o.ProviderMessageIdPath = "messages.0.id";
                o.Timeout = TimeSpan.FromSeconds(10);
                configure?.Invoke(o);
            });
        return new HttpHarness(gateway, collection.BuildServiceProvider(validateScopes: true), time, logs);
    }

    public OutgoingMessage Sms(string text = "Hej Åse, din reservering er klar.", string to = "+4520123456") => new()
    {
        Id = MessageId.New(Time.GetUtcNow()),
        Protocol = Protocol.Sms,
        Type = NotificationType.ReservationReady,
        BorrowerId = BorrowerId.Parse("B-1"),
        Recipient = MessageRecipient.Phone(PhoneNumber.Parse(to)),
        Body = text,
        Culture = "da-DK",
    };

    public Task<DeliveryResult> SendAsync(OutgoingMessage message) => Channel.SendAsync(message, CancellationToken.None);

    /// <summary>Saves a borrower with a Notification mobile number and notifies them: one Pending SMS message.</summary>
    public async Task<Message> NotifyAsync(string phone = "+4520123456", string borrower = "B-1")
    {
        var id = BorrowerId.Parse(borrower);
        var profile = BorrowerProfile.Create(id)
            .AddContact(ContactPoint.ForPhone(PhoneNumber.Parse(phone), ContactPurpose.Notification, ContactSource.Import, Time.GetUtcNow()));
        (await Services.GetRequiredService<IBorrowerProfileStore>().TrySaveAsync(profile)).Should().NotBeNull();
        var created = await Notifier.NotifyAsync(
            new Notification(id, NotificationType.ReservationReady) { Data = new Dictionary<string, object?> { ["title"] = "Kongens Fald" } });
        return created.Should().ContainSingle().Subject;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}
