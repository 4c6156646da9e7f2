using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.TestSupport;

/// <summary>
/// Sixty days of a small library on a durable store, a night's jobs after each day: every day ten keyed notifications
/// and one e-mail address added and never verified, and one delivery receipt for a message the store never had. What the
/// durable stores' growth tests count afterwards.
/// </summary>
public static class GrowthScenario
{
    /// <summary>The days simulated.</summary>
    public const int Days = 60;

    /// <summary>The notifications per day, each with its own idempotency key.</summary>
    public const int NotificationsPerDay = 10;

    /// <summary>The retention period the scenario runs with.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>Runs the scenario on the store <paramref name="useStore"/> registers.</summary>
    /// <param name="useStore">Registers the durable store under test.</param>
    /// <returns>The borrower the scenario used (its id prefixes the idempotency keys), once the sixty days have run.</returns>
    public static async Task<BorrowerId> RunAsync(Action<ICiceroNotificationsBuilder> useStore)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        var builder = services.AddCiceroNotifications(o =>
            {
                o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email");
                o.Types["ReservationReady"] = new NotificationTypeOptions { Protocols = { Protocol.Sms } };
                o.Nightly.RetentionPeriod = Retention;
            })
            .AddChannel(Protocol.Sms, new RecordingChannel())
            .AddChannel(Protocol.Email, new RecordingChannel(DeliveryGuarantee.AtLeastOnce));
        useStore(builder);
        await using var provider = services.BuildServiceProvider();
        var profiles = provider.GetRequiredService<IBorrowerProfiles>();
        var notifier = provider.GetRequiredService<INotifier>();
        var dispatcher = provider.GetRequiredService<IMessageDispatcher>();
        var nightly = provider.GetRequiredService<INightlyJobs>();
        var receipts = provider.GetRequiredService<IDeliveryReceipts>();
        var borrower = BorrowerId.Parse($"growth-{Guid.NewGuid():N}");
        await profiles.CreateAsync(borrower);
        await profiles.AddPhoneAsync(borrower, "20123456", ContactPurpose.Notification, ContactSource.Import);

        for (var day = 0; day < Days; day++)
        {
            await notifier.NotifyManyAsync(Enumerable.Range(0, NotificationsPerDay).Select(i => new Notification(borrower, NotificationType.ReservationReady)
            {
                Data = new Dictionary<string, object?> { ["borrower_name"] = "Hans", ["title"] = $"Bog {day}-{i}", ["pickup_by"] = new DateOnly(2027, 3, 1) },
                IdempotencyKey = $"{borrower}-{day}-{i}",
            }));
            await profiles.AddEmailAsync(borrower, $"day{day}@example.dk", ContactPurpose.Notification, ContactSource.Manual);
            await dispatcher.DispatchDueAsync();
            await receipts.ApplyAsync(new DeliveryReceipt(Protocol.Sms, $"unknown-{day}", DeliveryReceiptOutcome.Delivered, time.GetUtcNow()));
            time.Advance(TimeSpan.FromDays(1));
            await nightly.RunAsync();
        }

        return borrower;
    }
}
