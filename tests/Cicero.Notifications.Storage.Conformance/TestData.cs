using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage.Conformance;

/// <summary>Messages and profiles for the conformance suite, at explicit times.</summary>
public static class TestData
{
    /// <summary>The suite's reference time; everything else is relative to it.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static PhoneNumber Phone { get; } = PhoneNumber.Parse("+45 20 12 34 56");

    public static EmailAddress Email { get; } = EmailAddress.Parse("borrower@example.dk");

    public static Cpr PersonCpr { get; } = Cpr.Parse("010190-1234");

    public static Cvr CompanyCvr { get; } = Cvr.Parse("10150817");

    public static BorrowerId NewBorrower() => BorrowerId.Parse("B-" + Guid.NewGuid().ToString("N")[..12]);

    public static MessageContent Content(string body = "Din reservering er klar") => new("Reservering", body, """{"title":"Bogen"}""") { HtmlBody = "<p>" + body + "</p>" };

    /// <summary>A Pending SMS message, due at <paramref name="createdAt"/> (or <paramref name="notBefore"/>).</summary>
    public static Message Pending(BorrowerId borrower, DateTimeOffset createdAt, DateTimeOffset? notBefore = null, NotificationType? type = null, string? idempotencyKey = null)
        => Message.CreatePending(MessageId.New(createdAt), borrower, type ?? NotificationType.ReservationReady, Protocol.Sms, MessageRecipient.Phone(Phone), Content(), "da-DK", createdAt, notBefore: notBefore, idempotencyKey: idempotencyKey);

    /// <summary>A Pending e-mail message held until the address is verified.</summary>
    public static Message Held(BorrowerId borrower, DateTimeOffset createdAt, EmailAddress? email = null)
        => Message.CreatePending(MessageId.New(createdAt), borrower, NotificationType.WelcomeBorrower, Protocol.Email, MessageRecipient.Email(email ?? Email), Content(), "da-DK", createdAt, held: true);

    /// <summary>A message that failed a minute after creation (it is in the message queue).</summary>
    public static Message Failed(BorrowerId borrower, DateTimeOffset createdAt, NotificationType? type = null, Protocol? protocol = null, MessageFailureKind kind = MessageFailureKind.Rejected)
    {
        var onProtocol = protocol ?? Protocol.Sms;
        var recipient = onProtocol == Protocol.Email ? MessageRecipient.Email(Email) : MessageRecipient.Phone(Phone);
        return Message.CreatePending(MessageId.New(createdAt), borrower, type ?? NotificationType.ReservationReady, onProtocol, recipient, Content(), "da-DK", createdAt)
            .MarkFailed(createdAt.AddMinutes(1), new MessageFailure(kind, "The provider refused the message."));
    }

    /// <summary>A message delivered a minute after creation.</summary>
    public static Message Sent(BorrowerId borrower, DateTimeOffset createdAt)
        => Pending(borrower, createdAt).MarkDelivered(createdAt.AddMinutes(1), "provider-1");
}
