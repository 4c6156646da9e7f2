using Cicero.Notifications;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddCiceroNotifications(o =>
    {
        o.LibraryName = "Eksempelby Bibliotek";
        o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email"); // e-mail verification links
        o.Types["ReservationReady"] = new NotificationTypeOptions { Protocols = { Protocol.Sms, Protocol.Email } };
    })
    .AddChannel<ConsoleChannel>(Protocol.Sms)
    .AddChannel<ConsoleChannel>(Protocol.Email);

await using var provider = services.BuildServiceProvider();
var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
var borrower = BorrowerProfile.Create(BorrowerId.Parse("L-1001"))
    .AddContact(ContactPoint.ForPhone(PhoneNumber.Parse("20 12 34 56"), ContactPurpose.Notification, ContactSource.Import, now));
await provider.GetRequiredService<IBorrowerProfileStore>().TrySaveAsync(borrower);

// Persisted first (outbox), then delivered by the dispatcher.
await provider.GetRequiredService<INotifier>().NotifyAsync(new Notification(borrower.Id, NotificationType.ReservationReady)
{
    Data = new Dictionary<string, object?> { ["borrower_name"] = "Karen", ["title"] = "Kongens Fald", ["pickup_by"] = "5. december" },
    IdempotencyKey = "reservation-4711-ready",
});
await provider.GetRequiredService<IMessageDispatcher>().DispatchDueAsync();

internal sealed class ConsoleChannel : INotificationChannel
{
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{message.Protocol} to {message.Recipient}: {message.Body}");
        return Task.FromResult(DeliveryResult.Delivered());
    }
}
