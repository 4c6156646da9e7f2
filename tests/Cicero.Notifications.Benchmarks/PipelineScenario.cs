using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;

namespace Cicero.Notifications.Benchmarks;

/// <summary>
/// The measured scenario: a type on SMS + e-mail, a borrower with one of each, no-op channels, the in-memory store.
/// One notification = two messages. The baseline renders the same three templates with bare Scriban and a reused context.
/// </summary>
internal sealed class PipelineScenario : IDisposable
{
    public const string SmsBody = "{{ library_name }}: Din reservering \"{{ title }}\" er klar. Hent den senest {{ pickup_by }}.";
    public const string EmailSubject = "Din reservering er klar: {{ title }}";
    public const string EmailBody = "Kære {{ borrower_name }}\n\nDin reservering \"{{ title }}\" er klar til afhentning hos {{ library_name }}. Hent den senest {{ pickup_by }}.\n\nVenlig hilsen\n{{ library_name }}";
    public const string ReminderSms = "{{ library_name }}: Husk at aflevere \"{{ title }}\" senest {{ pickup_by }}.";

    private readonly ServiceProvider _provider;
    private readonly Template _sms = Template.Parse(SmsBody);
    private readonly Template _subject = Template.Parse(EmailSubject);
    private readonly Template _body = Template.Parse(EmailBody);
    private readonly TemplateContext _context = new() { StrictVariables = true };
    private int _next;

    /// <summary>Sets up the library in its own container.</summary>
    public PipelineScenario()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                Configure(o);
                o.Dispatch.BatchSize = 500;
            })
            .AddChannel(Protocol.Sms, new NoOpChannel())
            .AddChannel(Protocol.Email, new NoOpChannel());
        _provider = services.BuildServiceProvider();
        Notifier = _provider.GetRequiredService<INotifier>();
        Dispatcher = _provider.GetRequiredService<IMessageDispatcher>();
        var profiles = _provider.GetRequiredService<IBorrowerProfileStore>();
        profiles.TrySaveAsync(Profile(Borrower, TimeProvider.System.GetUtcNow())).GetAwaiter().GetResult();
    }

    public static BorrowerId Borrower { get; } = BorrowerId.Parse("B1");

    /// <summary>
    /// Sets up the measured type (ReservationReady on SMS + e-mail) and its Danish templates, and the nightly run's
    /// one-message type (DueDateReminder on SMS only) for the durable benchmark.
    /// </summary>
    public static void Configure(CiceroNotificationsOptions options)
    {
        options.LibraryName = "Eksempelby Bibliotek";
        options.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email");
        var type = new NotificationTypeOptions();
        type.Protocols.Add(Protocol.Sms);
        type.Protocols.Add(Protocol.Email);
        options.Types["ReservationReady"] = type;
        options.Templates.Add(new TemplateOptions { Type = "ReservationReady", Protocol = "Sms", Culture = "da", Body = SmsBody });
        options.Templates.Add(new TemplateOptions { Type = "ReservationReady", Protocol = "Email", Culture = "da", Subject = EmailSubject, Body = EmailBody });
        var reminder = new NotificationTypeOptions();
        reminder.Protocols.Add(Protocol.Sms);
        options.Types["DueDateReminder"] = reminder;
        options.Templates.Add(new TemplateOptions { Type = "DueDateReminder", Protocol = "Sms", Culture = "da", Body = ReminderSms });
    }

    /// <summary>A borrower with a phone number and an e-mail address, both for notifications.</summary>
    public static BorrowerProfile Profile(BorrowerId id, DateTimeOffset now) => BorrowerProfile.Create(id)
        .AddContact(ContactPoint.ForPhone(PhoneNumber.Parse("20 12 34 56"), ContactPurpose.Notification, ContactSource.Import, now))
        .AddContact(ContactPoint.ForEmail(EmailAddress.Parse("hans@example.dk"), ContactPurpose.Notification, ContactSource.Import, now));

    public INotifier Notifier { get; }

    public IMessageDispatcher Dispatcher { get; }

    public static IReadOnlyDictionary<string, object?> Data(int i) => new Dictionary<string, object?>
    {
        ["title"] = "Kongens Fald #" + i,
        ["pickup_by"] = "5. december",
        ["borrower_name"] = "Hans Hansen",
    };

    /// <summary>Notifies <paramref name="count"/> times, then dispatches everything: 2 × count messages.</summary>
    public async Task NotifyAndDispatchAsync(int count)
    {
        await NotifyAsync(count);
        await Dispatcher.DispatchDueAsync();
    }

    /// <summary>Notifies <paramref name="count"/> times (2 × count messages stored, none sent).</summary>
    public async Task NotifyAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Notifier.NotifyAsync(new Notification(Borrower, NotificationType.ReservationReady) { Data = Data(_next++) });
        }
    }

    /// <summary>The same three templates rendered with bare Scriban and one reused context.</summary>
    public int RenderBare(int i)
    {
        var globals = new ScriptObject
        {
            ["library_name"] = "Eksempelby Bibliotek",
            ["title"] = "Kongens Fald #" + i,
            ["pickup_by"] = "5. december",
            ["borrower_name"] = "Hans Hansen",
        };
        _context.PushGlobal(globals);
        try
        {
            return _sms.Render(_context).Length + _subject.Render(_context).Length + _body.Render(_context).Length;
        }
        finally
        {
            _context.PopGlobal();
        }
    }

    public void Dispose() => _provider.Dispose();
}
