using Cicero.Notifications;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MyLibrary.Notifications.Tests;

public sealed class ReservationNoticeTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_gateway_error_is_retried_and_the_sms_goes_out_a_minute_later()
    {
        var time = new FakeTimeProvider(Start);
        var sms = new RecordingChannel(DeliveryGuarantee.AtLeastOnce, time)
            .Then(DeliveryResult.TransientFailure("HTTP 503")); // the first send fails; every later one is delivered
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddCiceroNotifications(o => o.Types["ReservationReady"] = new NotificationTypeOptions { Protocols = { Protocol.Sms } })
            .AddChannel(Protocol.Sms, sms);
        await using var provider = services.BuildServiceProvider();
        var borrower = BorrowerProfile.Create(BorrowerId.Parse("L-1001"))
            .AddContact(ContactPoint.ForPhone(PhoneNumber.Parse("20 12 34 56"), ContactPurpose.Notification, ContactSource.Import, Start));
        await provider.GetRequiredService<IBorrowerProfileStore>().TrySaveAsync(borrower);
        await provider.GetRequiredService<INotifier>().NotifyAsync(new Notification(borrower.Id, NotificationType.ReservationReady)
        {
            Data = new Dictionary<string, object?> { ["borrower_name"] = "Karen", ["title"] = "Kongens Fald", ["pickup_by"] = "5. marts" },
        });

        var dispatcher = provider.GetRequiredService<IMessageDispatcher>();
        await dispatcher.DispatchDueAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.DispatchDueAsync();

        sms.Sent.Should().HaveCount(2).And.AllSatisfy(m => m.Body.Should().Contain("Kongens Fald"));
        sms.SentAt.Should().Equal(Start, Start.AddMinutes(1));
    }
}
