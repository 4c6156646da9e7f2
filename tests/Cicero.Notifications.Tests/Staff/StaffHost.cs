using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Templates;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>
/// The library as a host registers it, with the in-memory stores, a fake clock, recording channels for every protocol
/// and simple templates; plus helpers to put borrowers and messages in place.
/// </summary>
internal sealed class StaffHost : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 7, 1, 10, 0, 0, TimeSpan.Zero);
    public static readonly Protocol Print = Protocol.Parse("Print");
    public static readonly Protocol App = Protocol.Parse("App");
    public static readonly NotificationType BalanceStatement = NotificationType.Parse("BalanceStatement");
    public const string Staff = "staff-17";

    private readonly ServiceProvider _provider;

    public StaffHost(Action<CiceroNotificationsOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        services?.Invoke(collection);
        collection.AddCiceroNotifications(o =>
            {
                o.LibraryName = "Aarhus Bibliotekerne";
                o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email");
                o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "Print", DisplayNameDa = "Brev", DisplayNameEn = "Letter" });
                o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "App", DisplayNameDa = "Bibliotekets app", DisplayNameEn = "Library app" });
                o.Types["ReservationReady"] = Type([Protocol.Sms, Protocol.Email]);
                o.Types["OverdueNotice"] = Type([Protocol.Email]);
                o.Types["WelcomeBorrower"] = Type([Protocol.Sms]);
                o.Types["BalanceStatement"] = Type([Protocol.DigitalPost], da: "Saldoopgørelse", en: "Balance statement");
                foreach (var type in new[] { "ReservationReady", "OverdueNotice", "WelcomeBorrower", "BalanceStatement" })
                {
                    o.Templates.Add(new TemplateOptions { Type = type, Protocol = "Sms", Culture = "da", Body = "SMS: {{ title }} fra biblioteket." });
                    o.Templates.Add(new TemplateOptions { Type = type, Protocol = "Email", Culture = "da", Subject = "E-mail om {{ title }}", Body = "E-mail: {{ title }} fra biblioteket." });
                    o.Templates.Add(new TemplateOptions { Type = type, Protocol = "DigitalPost", Culture = "da", Subject = "Digital Post om {{ title }}", Body = "Digital Post: {{ title }} fra biblioteket." });
                    o.Templates.Add(new TemplateOptions { Type = type, Protocol = "Print", Culture = "da", Subject = "Brev om {{ title }}", Body = "Brev: {{ title }} fra biblioteket." });
                }

                configure?.Invoke(o);
            })
            .AddChannel(Protocol.Sms, Sms)
            .AddChannel(Protocol.Email, Email)
            .AddChannel(Protocol.DigitalPost, DigitalPost)
            .AddChannel(Print, Letters)
            .AddChannel(App, AppChannel);
        _provider = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public RecordingChannel Sms { get; } = new(DeliveryGuarantee.AtLeastOnce);

    public RecordingChannel Email { get; } = new(DeliveryGuarantee.AtLeastOnce);

    public RecordingChannel DigitalPost { get; } = new(DeliveryGuarantee.AtLeastOnce);

    public RecordingChannel Letters { get; } = new(DeliveryGuarantee.AtLeastOnce);

    public RecordingChannel AppChannel { get; } = new(DeliveryGuarantee.AtLeastOnce);

    public IMessageQueue Queue => Get<IMessageQueue>();

    public IBorrowerMessages BorrowerMessages => Get<IBorrowerMessages>();

    public IMessagePrinter Printer => Get<IMessagePrinter>();

    public IMessageStore Store => Get<IMessageStore>();

    public IBorrowerProfileStore Profiles => Get<IBorrowerProfileStore>();

    public INotifier Notifier => Get<INotifier>();

    public IMessageDispatcher Dispatcher => Get<IMessageDispatcher>();

    public FakeLogCollector Logs => _provider.GetFakeLogCollector();

    public IServiceProvider Services => _provider;

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Saves a borrower with the given contact data (imported, so e-mail needs no verification).</summary>
    public async Task<BorrowerProfile> SaveBorrowerAsync(string id, string? phone = null, string? email = null, string? cpr = null)
    {
        var profile = BorrowerProfile.Create(BorrowerId.Parse(id));
        if (phone is not null)
        {
            profile = profile.AddContact(ContactPoint.ForPhone(PhoneNumber.Parse(phone), ContactPurpose.Notification, ContactSource.Import, Clock.GetUtcNow()));
        }

        if (email is not null)
        {
            profile = profile.AddContact(ContactPoint.ForEmail(EmailAddress.Parse(email), ContactPurpose.Notification, ContactSource.Import, Clock.GetUtcNow()));
        }

        if (cpr is not null)
        {
            profile = profile.SetCpr(Cpr.Parse(cpr)).OptIn(Protocol.DigitalPost);
        }

        return (await Profiles.TrySaveAsync(profile))!;
    }

    /// <summary>Adds a contact point to a saved borrower.</summary>
    public async Task AddPhoneAsync(string id, string phone)
    {
        var profile = (await Profiles.GetAsync(BorrowerId.Parse(id)))!;
        profile = profile.AddContact(ContactPoint.ForPhone(PhoneNumber.Parse(phone), ContactPurpose.Notification, ContactSource.Import, Clock.GetUtcNow()));
        (await Profiles.TrySaveAsync(profile)).Should().NotBeNull();
    }

    /// <summary>Notifies through the real notifier and returns the created messages.</summary>
    public Task<IReadOnlyList<Message>> NotifyAsync(string borrower, NotificationType type, string title = "Kongens Fald")
        => Notifier.NotifyAsync(new Notification(BorrowerId.Parse(borrower), type) { Data = new Dictionary<string, object?> { ["title"] = title } });

    /// <summary>Creates a Failed message the way the pipeline does: notify, then a permanent failure from the channel.</summary>
    public async Task<Message> FailedSmsAsync(string borrower = "B-1", string phone = "20 12 34 56")
    {
        await SaveBorrowerAsync(borrower, phone: phone);
        Sms.Then(DeliveryResult.PermanentFailure("Unknown subscriber"));
        var created = await NotifyAsync(borrower, NotificationType.WelcomeBorrower);
        await Dispatcher.DispatchDueAsync();
        var failed = (await Store.GetAsync(created.Single().Id))!;
        failed.Status.Should().Be(MessageStatus.Failed);
        return failed;
    }

    /// <summary>Adds a message straight to the store.</summary>
    public async Task<Message> AddAsync(Message message) => (await Store.AddAsync([message], null)).Messages.Single();

    /// <summary>Stores a changed message and returns it with its new version.</summary>
    public async Task<Message> UpdateAsync(Message message) => (await Store.TryUpdateAsync(message))!;

    public void Dispose() => _provider.Dispose();

    private static NotificationTypeOptions Type(Protocol[] protocols, string? da = null, string? en = null)
    {
        var type = new NotificationTypeOptions { DisplayNameDa = da, DisplayNameEn = en };
        foreach (var protocol in protocols)
        {
            type.Protocols.Add(protocol);
        }

        return type;
    }
}
