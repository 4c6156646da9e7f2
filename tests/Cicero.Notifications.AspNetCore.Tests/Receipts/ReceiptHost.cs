using Cicero.Notifications.AspNetCore.Tests.Support;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Testing;
using Cicero.Notifications.Templates;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.AspNetCore.Tests.Receipts;

/// <summary>A web host with the library (in-memory stores, an SMS channel whose gateway answers "gw-1", "gw-2", …) and the receipt endpoints a test maps.</summary>
internal sealed class ReceiptHost : IAsyncDisposable
{
    private int _providerIds;

    private ReceiptHost(KestrelHost web, RecordingChannel sms)
    {
        Web = web;
        Sms = sms;
    }

    public KestrelHost Web { get; }

    public RecordingChannel Sms { get; }

    public IMessageStore Messages => Web.Services.GetRequiredService<IMessageStore>();

    public static async Task<ReceiptHost> StartAsync(Action<WebApplication> endpoints)
    {
        var sms = new RecordingChannel();
        KestrelHost? web = null;
        web = await KestrelHost.StartAsync(
            (services, _) => services.AddCiceroNotifications(o =>
                {
                    o.LibraryName = "Eksempelby Bibliotek";
                    var ready = new NotificationTypeOptions();
                    ready.Protocols.Add(Protocol.Sms);
                    o.Types["ReservationReady"] = ready;
                    o.Templates.Add(new TemplateOptions { Type = "ReservationReady", Protocol = "Sms", Culture = "da", Body = "{{ library_name }}: {{ title }}" });
                })
                .AddChannel(Protocol.Sms, sms),
            endpoints);
        var host = new ReceiptHost(web, sms);
        sms.Otherwise = _ => DeliveryResult.Delivered("gw-" + Interlocked.Increment(ref host._providerIds));
        return host;
    }

    /// <summary>Notifies a borrower with a phone number and dispatches: the message is Sent with the next gateway id.</summary>
    public async Task<Message> SentSmsAsync(string borrower)
    {
        var message = await NotifyAsync(borrower);
        await Web.Services.GetRequiredService<IMessageDispatcher>().DispatchDueAsync();
        return (await Messages.GetAsync(message.Id))!;
    }

    public async Task<Message> NotifyAsync(string borrower)
    {
        var profiles = Web.Services.GetRequiredService<IBorrowerProfileStore>();
        var now = Web.Time.GetUtcNow();
        await profiles.TrySaveAsync(BorrowerProfile.Create(BorrowerId.Parse(borrower))
            .AddContact(ContactPoint.ForPhone(PhoneNumber.Parse("+45 20 12 34 56"), ContactPurpose.Notification, ContactSource.Manual, now)));
        var created = await Web.Services.GetRequiredService<INotifier>().NotifyAsync(new Notification(BorrowerId.Parse(borrower), NotificationType.ReservationReady)
        {
            Data = new Dictionary<string, object?> { ["title"] = "Kongens Fald" },
        });
        return created[0];
    }

    public async Task<Message> GetAsync(MessageId id) => (await Messages.GetAsync(id))!;

    public ValueTask DisposeAsync() => Web.DisposeAsync();
}
