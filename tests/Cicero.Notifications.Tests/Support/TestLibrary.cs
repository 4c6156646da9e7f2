using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Templates;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.Tests.Support;

/// <summary>
/// A library set up as a host would: <c>AddCiceroNotifications</c> with a fake clock, recording channels for SMS, e-mail,
/// Digital Post and a user-defined <c>Print</c> protocol, captured logs and simple templates.
/// </summary>
internal sealed class TestLibrary : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    public TestLibrary(Action<CiceroNotificationsOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddLogging(b => b.AddProvider(new FakeLoggerProvider(Logs)).SetMinimumLevel(LogLevel.Trace));
        collection.AddMetrics();
        collection.AddCiceroNotifications(o =>
            {
                o.LibraryName = "Eksempelby Bibliotek";
                o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email");
                o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "Print", DisplayNameDa = "Brev", DisplayNameEn = "Letter" });
                var welcome = new NotificationTypeOptions { AlternativeProtocol = Protocol.Parse("Print") };
                welcome.Protocols.Add(Protocol.Sms);
                welcome.Protocols.Add(Protocol.Email);
                o.Types["WelcomeBorrower"] = welcome;
                var ready = new NotificationTypeOptions();
                ready.Protocols.Add(Protocol.Sms);
                ready.Protocols.Add(Protocol.Email);
                ready.Protocols.Add(Protocol.DigitalPost);
                o.Types["ReservationReady"] = ready;
                foreach (var type in new[] { "WelcomeBorrower", "ReservationReady" })
                {
                    o.Templates.Add(new TemplateOptions { Type = type, Protocol = "Sms", Culture = "da", Body = "{{ library_name }}: {{ title }}" });
                    o.Templates.Add(new TemplateOptions { Type = type, Protocol = "Email", Culture = "da", Subject = "Besked om {{ title }}", Body = "Kære låner, {{ title }}" });
                    o.Templates.Add(new TemplateOptions { Type = type, Protocol = "DigitalPost", Culture = "da", Subject = "Besked", Body = "Digital: {{ title }}" });
                    o.Templates.Add(new TemplateOptions { Type = type, Protocol = "Print", Culture = "da", Subject = "Brev", Body = "Brev: {{ title }}" });
                }

                o.Retry.Jitter = 0;
                configure?.Invoke(o);
            })
            .AddChannel(Protocol.Sms, Sms)
            .AddChannel(Protocol.Email, Email)
            .AddChannel(Protocol.DigitalPost, DigitalPost)
            .AddChannel(Protocol.Parse("Print"), Print);
        services?.Invoke(collection);
        _provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public FakeLogCollector Logs { get; } = new();

    public RecordingChannel Sms { get; } = new();

    public RecordingChannel Email { get; } = new(DeliveryGuarantee.AtLeastOnce);

    public RecordingChannel DigitalPost { get; } = new(DeliveryGuarantee.AtLeastOnce);

    public RecordingChannel Print { get; } = new();

    public IServiceProvider Services => _provider;

    public INotifier Notifier => _provider.GetRequiredService<INotifier>();

    public IMessageDispatcher Dispatcher => _provider.GetRequiredService<IMessageDispatcher>();

    public IMessageStore Messages => _provider.GetRequiredService<IMessageStore>();

    public IBorrowerProfileStore Profiles => _provider.GetRequiredService<IBorrowerProfileStore>();

    public MetricCollector<long> Metric(string instrument) => Metric<long>(instrument);

    public MetricCollector<T> Metric<T>(string instrument)
        where T : struct
        => new(_provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "Cicero.Notifications", instrument);

    public async Task<BorrowerProfile> SaveProfileAsync(string id, Func<BorrowerProfile, BorrowerProfile> build)
    {
        var saved = await Profiles.TrySaveAsync(build(BorrowerProfile.Create(BorrowerId.Parse(id))));
        return saved ?? throw new InvalidOperationException("profile conflict in test setup");
    }

    public BorrowerProfile WithPhone(BorrowerProfile profile, string phone)
        => profile.AddContact(ContactPoint.ForPhone(PhoneNumber.Parse(phone), ContactPurpose.Notification, ContactSource.Manual, Time.GetUtcNow()));

    public BorrowerProfile WithEmail(BorrowerProfile profile, string email, ContactSource source = ContactSource.Import)
        => profile.AddContact(ContactPoint.ForEmail(EmailAddress.Parse(email), ContactPurpose.Notification, source, Time.GetUtcNow()));

    public Task<IReadOnlyList<Message>> NotifyAsync(string borrower, NotificationType type, string title = "Kongens Fald", string? idempotencyKey = null)
        => Notifier.NotifyAsync(new Notification(BorrowerId.Parse(borrower), type)
        {
            Data = new Dictionary<string, object?> { ["title"] = title },
            IdempotencyKey = idempotencyKey,
        });

    public async Task<Message> GetAsync(MessageId id) => (await Messages.GetAsync(id))!;

    public void Dispose() => _provider.Dispose();
}
