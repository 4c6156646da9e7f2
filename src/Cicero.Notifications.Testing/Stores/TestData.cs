using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Testing;

/// <summary>
/// The messages and contact data the conformance suite builds, at explicit times (nothing reads a clock). A store's own
/// tests can use them too, e.g. with <c>using static Cicero.Notifications.Testing.TestData;</c>.
/// </summary>
public static class TestData
{
    /// <summary>The suite's reference time; everything else is relative to it.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Gets the mobile number every SMS message and phone contact point of the suite uses.</summary>
    public static PhoneNumber Phone { get; } = PhoneNumber.Parse("+45 20 12 34 56");

    /// <summary>Gets the e-mail address the suite's e-mail messages and contact points use.</summary>
    public static EmailAddress Email { get; } = EmailAddress.Parse("borrower@example.dk");

    /// <summary>Gets a person's CPR number, for Digital Post recipients and person profiles.</summary>
    public static Cpr PersonCpr { get; } = Cpr.Parse("010190-1234");

    /// <summary>Gets a company's CVR number, for Digital Post recipients and company profiles.</summary>
    public static Cvr CompanyCvr { get; } = Cvr.Parse("10150817");

    /// <summary>Returns a borrower id no other call returns, so tests that share a store do not see each other's messages.</summary>
    /// <returns>A new borrower id.</returns>
    public static BorrowerId NewBorrower() => BorrowerId.Parse("B-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Returns rendered content with a subject, the body, an HTML body and template data, as the engine stores it.</summary>
    /// <param name="body">The text body.</param>
    /// <returns>The content.</returns>
    public static MessageContent Content(string body = "Din reservering er klar") => new("Reservering", body, """{"title":"Bogen"}""") { HtmlBody = "<p>" + body + "</p>" };

    /// <summary>Returns a new Pending SMS message (ReservationReady unless told), due at <paramref name="createdAt"/> or <paramref name="notBefore"/>.</summary>
    /// <param name="borrower">The borrower.</param>
    /// <param name="createdAt">When the message was created.</param>
    /// <param name="notBefore">When it becomes due, if later than its creation.</param>
    /// <param name="type">The notification type; ReservationReady when null.</param>
    /// <param name="idempotencyKey">The idempotency key the message was created with.</param>
    /// <returns>The message, not yet stored.</returns>
    public static Message Pending(BorrowerId borrower, DateTimeOffset createdAt, DateTimeOffset? notBefore = null, NotificationType? type = null, string? idempotencyKey = null)
        => Message.CreatePending(MessageId.New(createdAt), borrower, type ?? NotificationType.ReservationReady, Protocol.Sms, MessageRecipient.Phone(Phone), Content(), "da-DK", createdAt, notBefore: notBefore, idempotencyKey: idempotencyKey);

    /// <summary>Returns a new Pending e-mail message (WelcomeBorrower) held until the address is verified.</summary>
    /// <param name="borrower">The borrower.</param>
    /// <param name="createdAt">When the message was created.</param>
    /// <param name="email">The address it waits for; <see cref="Email"/> when null.</param>
    /// <returns>The message, not yet stored.</returns>
    public static Message Held(BorrowerId borrower, DateTimeOffset createdAt, EmailAddress? email = null)
        => Message.CreatePending(MessageId.New(createdAt), borrower, NotificationType.WelcomeBorrower, Protocol.Email, MessageRecipient.Email(email ?? Email), Content(), "da-DK", createdAt, held: true);

    /// <summary>Returns a message that failed a minute after creation, so it is in the staff message queue.</summary>
    /// <param name="borrower">The borrower.</param>
    /// <param name="createdAt">When the message was created.</param>
    /// <param name="type">The notification type; ReservationReady when null.</param>
    /// <param name="protocol">The protocol; SMS when null (an e-mail message goes to <see cref="Email"/>, any other to <see cref="Phone"/>).</param>
    /// <param name="kind">Why it failed.</param>
    /// <returns>The message, not yet stored.</returns>
    public static Message Failed(BorrowerId borrower, DateTimeOffset createdAt, NotificationType? type = null, Protocol? protocol = null, MessageFailureKind kind = MessageFailureKind.Rejected)
    {
        var onProtocol = protocol ?? Protocol.Sms;
        var recipient = onProtocol == Protocol.Email ? MessageRecipient.Email(Email) : MessageRecipient.Phone(Phone);
        return Message.CreatePending(MessageId.New(createdAt), borrower, type ?? NotificationType.ReservationReady, onProtocol, recipient, Content(), "da-DK", createdAt)
            .MarkFailed(createdAt.AddMinutes(1), new MessageFailure(kind, "The provider refused the message."));
    }

    /// <summary>Returns an SMS message delivered a minute after creation.</summary>
    /// <param name="borrower">The borrower.</param>
    /// <param name="createdAt">When the message was created.</param>
    /// <returns>The message, not yet stored.</returns>
    public static Message Sent(BorrowerId borrower, DateTimeOffset createdAt)
        => Pending(borrower, createdAt).MarkDelivered(createdAt.AddMinutes(1), "provider-1");

    /// <summary>Gets the personal data <see cref="FailedWithPlantedReasons"/> plants: a name, a CPR number and a phone number.</summary>
    public static string PlantedPersonalData => "Hans Hansen 0707614285 +4520123456";

    /// <summary>
    /// Returns an SMS that a gateway asked to retry, then refused, that staff retried with a note, and that was refused
    /// again — with <see cref="PlantedPersonalData"/> in every reason and note, for anonymization tests.
    /// </summary>
    /// <param name="borrower">The borrower.</param>
    /// <param name="createdAt">When the message was created.</param>
    /// <returns>The Failed message, not yet stored.</returns>
    public static Message FailedWithPlantedReasons(BorrowerId borrower, DateTimeOffset createdAt)
        => Pending(borrower, createdAt)
            .ScheduleRetry(createdAt.AddMinutes(1), $"Gateway busy for {PlantedPersonalData}", createdAt.AddMinutes(2))
            .MarkFailed(createdAt.AddMinutes(2), new MessageFailure(MessageFailureKind.Rejected, $"Gateway refused {PlantedPersonalData}"))
            .Retry(createdAt.AddMinutes(3), "staff-17", $"Rang to {PlantedPersonalData}")
            .MarkFailed(createdAt.AddMinutes(4), new MessageFailure(MessageFailureKind.RetriesExhausted, $"Still refused: {PlantedPersonalData}"));
}
