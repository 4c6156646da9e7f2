using System.Globalization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.KillTests.Host;

/// <summary>
/// Borrower i of the kill test: <c>L-{i}</c>, with a mobile number of purpose Notification (SMS) and an imported, so
/// verified, e-mail address, so each notification is one SMS and one e-mail; notified with key <c>kill-{i}</c>.
/// </summary>
internal static class KillBorrowers
{
    public static BorrowerId Id(int i) => BorrowerId.Parse(string.Create(CultureInfo.InvariantCulture, $"L-{i}"));

    public static string IdempotencyKey(int i) => string.Create(CultureInfo.InvariantCulture, $"kill-{i}");

    public static BorrowerProfile Profile(int i, DateTimeOffset now)
        => BorrowerProfile.Create(Id(i))
            .AddContact(ContactPoint.ForPhone(PhoneNumber.Parse((20_120_000 + (i % 500_000)).ToString(CultureInfo.InvariantCulture)), ContactPurpose.Notification, ContactSource.Import, now))
            .AddContact(ContactPoint.ForEmail(EmailAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"laaner{i}@example.dk")), ContactPurpose.Notification, ContactSource.Import, now));

    public static Notification Notification(int i)
        => new(Id(i), NotificationType.ReservationReady)
        {
            Data = new Dictionary<string, object?> { ["title"] = string.Create(CultureInfo.InvariantCulture, $"Bog nr. {i}") },
            IdempotencyKey = IdempotencyKey(i),
        };
}
