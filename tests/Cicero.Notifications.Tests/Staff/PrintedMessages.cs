using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>Representative messages with fixed ids and times, built with the domain's own transitions.</summary>
internal static class PrintedMessages
{
    /// <summary>When the snapshots are printed: after every message below.</summary>
    public static readonly DateTimeOffset PrintedAt = new(2027, 7, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>An SMS reservation notice, created and delivered on a summer morning (UTC+2).</summary>
    public static Message SmsSent()
    {
        var created = new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero);
        return Message.CreatePending(
                Id("0197c1a0-0000-7000-8000-000000000001"),
                BorrowerId.Parse("L-100234"),
                NotificationType.ReservationReady,
                Protocol.Sms,
                MessageRecipient.Phone(PhoneNumber.Parse("20 12 34 56")),
                new MessageContent(null, "Hej Karen! Din reservering \"Kongens Fald\" er klar til afhentning.\nHentes senest 8. juli på Hovedbiblioteket.", "{\"title\":\"Kongens Fald\"}"),
                "da-DK",
                created)
            .MarkDelivered(created.AddMinutes(2), "sms-4711");
    }

    /// <summary>An e-mail overdue notice whose body looks like HTML, refused by the mail server on a winter day (UTC+1).</summary>
    public static Message EmailFailed()
    {
        var created = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        return Message.CreatePending(
                Id("0197c1a0-0000-7000-8000-000000000002"),
                BorrowerId.Parse("L-100234"),
                NotificationType.OverdueNotice,
                Protocol.Email,
                MessageRecipient.Email(EmailAddress.Parse("karen.hansen@example.dk")),
                new MessageContent(
                    "Rykker: <b>Kongens Fald</b> & \"Jorden rundt\"",
                    "Kære Karen,\n\n<script>alert(1)</script>\nDu har 2 bøger, der skulle være afleveret den 24. november.\n\nVenlig hilsen\nAarhus Bibliotekerne",
                    null),
                "da-DK",
                created)
            .MarkFailed(created.AddMinutes(5), new MessageFailure(MessageFailureKind.Rejected, "550 Mailbox unavailable"));
    }

    /// <summary>A Digital Post balance statement to a CPR number, failed and then handled by staff across the spring DST change.</summary>
    public static Message DigitalPostHandled()
    {
        // 00:30 UTC is 01:30 in Copenhagen (CET); at 01:00 UTC the clocks go forward, so 01:30 UTC is 03:30 (CEST).
        var created = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);
        return Message.CreatePending(
                Id("0197c1a0-0000-7000-8000-000000000003"),
                BorrowerId.Parse("L-100234"),
                NotificationType.Parse("BalanceStatement"),
                Protocol.DigitalPost,
                MessageRecipient.Person(Cpr.Parse("010190-1234")),
                new MessageContent("Saldoopgørelse", "Din saldo hos biblioteket er 125,00 kr.\nBetal senest 30. april.", null),
                "da-DK",
                created)
            .MarkFailed(created.AddMinutes(1), new MessageFailure(MessageFailureKind.RetriesExhausted, "5 attempts failed"))
            .MarkHandledManually(created.AddHours(1), "staff-17", "Udskrevet og sendt med posten");
    }

    /// <summary>A welcome SMS sent long ago and anonymized by the nightly job.</summary>
    public static Message Anonymized()
    {
        var created = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
        return Message.CreatePending(
                Id("0197c1a0-0000-7000-8000-000000000004"),
                BorrowerId.Parse("L-100234"),
                NotificationType.WelcomeBorrower,
                Protocol.Sms,
                MessageRecipient.Phone(PhoneNumber.Parse("20 12 34 56")),
                new MessageContent(null, "Velkommen til Aarhus Bibliotekerne!", null),
                "da-DK",
                created)
            .MarkDelivered(created.AddSeconds(30))
            .Anonymize(new DateTimeOffset(2027, 1, 16, 2, 0, 0, TimeSpan.Zero));
    }

    public static MessageId Id(string guid) => MessageId.From(Guid.Parse(guid));
}
