using System.Globalization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// The durable benchmark's notifications, the same for both sides: a nightly run's DueDateReminder (SMS only, so one
/// message each) to the <see cref="Workload.Borrowers"/> borrowers in turn, each with its own idempotency key.
/// </summary>
internal static class BulkWorkload
{
    public static string Key(int i) => "reminder-" + i.ToString(CultureInfo.InvariantCulture);

    public static Notification Notification(int i)
        => new(BorrowerId.Parse(Workload.Borrower(i)), NotificationType.DueDateReminder) { Data = PipelineScenario.Data(i), IdempotencyKey = Key(i) };

    public static RawNotification Raw(int i, DateTimeOffset now)
    {
        var borrower = Workload.Borrower(i);
        return new RawNotification(borrower, Key(i), [RawMessage.ForReminder(borrower, i, Key(i), now)]);
    }
}
