using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>
/// The fallback decision as a table: a type's fallback list, every message of one notification and the borrower's
/// profile in; no fallback, the list exhausted, or the protocol and address of the message to create out.
/// </summary>
public sealed class FallbackPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2027, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Protocol Print = Protocol.Parse("Print");
    private static readonly ProtocolCatalog Catalog = ProtocolCatalog.Create([new UserDefinedProtocolOptions { Name = "Print", Address = ProtocolAddress.None }]);
    private static readonly BorrowerProfile Reachable = BorrowerProfile.Create(BorrowerId.Parse("B-1"))
        .AddContact(ContactPoint.ForPhone(PhoneNumber.Parse("20 12 34 56"), ContactPurpose.Notification, ContactSource.Manual, T0))
        .AddContact(ContactPoint.ForEmail(EmailAddress.Parse("hans@example.dk"), ContactPurpose.Notification, ContactSource.Import, T0));

    [Fact]
    public void A_refused_only_message_falls_back_to_the_first_protocol_of_the_list()
    {
        var sms = Sms().Failing(MessageFailureKind.Rejected);

        var decision = Decide(Setup(Protocol.Email, Print), [sms]);

        decision.Should().BeEquivalentTo(new { Outcome = FallbackOutcome.Create, Protocol = Protocol.Email, Recipient = MessageRecipient.Email(EmailAddress.Parse("hans@example.dk")) });
        decision.Replaced.Should().Equal(sms);
    }

    [Theory]
    [InlineData(MessageFailureKind.Rejected, true)]
    [InlineData(MessageFailureKind.RetriesExhausted, true)]
    [InlineData(MessageFailureKind.Undeliverable, true)]
    [InlineData(MessageFailureKind.InDoubt, false)]
    [InlineData(MessageFailureKind.TemplateFailed, false)]
    [InlineData(MessageFailureKind.NoChannel, false)]
    [InlineData(MessageFailureKind.Cancelled, false)]
    public void Only_a_failure_for_good_starts_a_fallback(MessageFailureKind kind, bool fallsBack)
    {
        var message = kind == MessageFailureKind.Cancelled ? Sms().Cancel(T0.AddMinutes(1), "Collected.") : Sms().Failing(kind);

        Decide(Setup(Protocol.Email), [message]).Outcome.Should().Be(fallsBack ? FallbackOutcome.Create : FallbackOutcome.None);
    }

    [Fact]
    public void An_in_doubt_message_falls_back_when_the_type_says_so()
    {
        var setup = Setup(Protocol.Email);
        setup.FallbackOnInDoubt = true;

        Decide(setup, [Sms().Failing(MessageFailureKind.InDoubt)]).Outcome.Should().Be(FallbackOutcome.Create);
    }

    [Fact]
    public void A_notification_with_a_message_still_pending_or_sent_does_not_fall_back()
    {
        var sms = Sms().Failing(MessageFailureKind.Rejected);
        var email = Email(sms);

        Decide(Setup(Print), [sms, email]).Outcome.Should().Be(FallbackOutcome.None, "the e-mail may still arrive");
        Decide(Setup(Print), [sms, email.MarkDelivered(T0.AddMinutes(1))]).Outcome.Should().Be(FallbackOutcome.None, "the e-mail arrived");
    }

    [Fact]
    public void When_every_message_failed_the_fallback_replaces_them_all()
    {
        var sms = Sms().Failing(MessageFailureKind.Rejected);
        var email = Email(sms).Failing(MessageFailureKind.RetriesExhausted);

        var decision = Decide(Setup(Print), [sms, email]);

        (decision.Outcome, decision.Protocol, decision.Recipient).Should().Be((FallbackOutcome.Create, Print, null));
        decision.Replaced.Should().Equal(sms, email);
    }

    [Fact]
    public void A_message_staff_dismissed_stops_the_fallback()
    {
        var sms = Sms().Failing(MessageFailureKind.Rejected).Dismiss(T0.AddMinutes(2), "staff-1");

        Decide(Setup(Protocol.Email), [sms]).Outcome.Should().Be(FallbackOutcome.None);
    }

    [Fact]
    public void Protocols_the_notification_used_or_the_borrower_cannot_receive_are_skipped()
    {
        var sms = Sms().Failing(MessageFailureKind.Rejected);

        var decision = Decide(Setup(Protocol.Sms, Protocol.DigitalPost, Print), [sms]);

        decision.Protocol.Should().Be(Print, "SMS failed already and the borrower has no CPR number for Digital Post");
    }

    [Fact]
    public void After_a_fallback_took_over_only_its_failure_starts_the_next_one()
    {
        var sms = Sms().Failing(MessageFailureKind.Rejected);
        var email = Message.CreateFallback(MessageId.New(T0), [sms], Protocol.Email, MessageRecipient.Email(EmailAddress.Parse("hans@example.dk")), Content(), T0.AddMinutes(2));
        var replaced = sms.ReplaceByFallback(T0.AddMinutes(2), email.Id, Protocol.Email);

        Decide(Setup(Protocol.Email, Print), [replaced, email]).Outcome.Should().Be(FallbackOutcome.None, "the e-mail is pending");
        var next = Decide(Setup(Protocol.Email, Print), [replaced, email.Failing(MessageFailureKind.Rejected)]);
        (next.Protocol, next.Replaced.Single().Protocol).Should().Be((Print, Protocol.Email));
    }

    [Fact]
    public void When_no_protocol_of_the_list_is_left_the_list_is_exhausted()
    {
        var sms = Sms().Failing(MessageFailureKind.Rejected);

        var decision = Decide(Setup(Protocol.Sms, Protocol.DigitalPost), [sms]);

        (decision.Outcome, decision.Protocol).Should().Be((FallbackOutcome.Exhausted, null));
        decision.Replaced.Should().Equal(sms);
    }

    [Fact]
    public void Without_a_profile_nothing_can_be_reached()
        => FallbackPlanner.Decide(Setup(Protocol.Email), [Sms().Failing(MessageFailureKind.Rejected)], null, Catalog).Outcome.Should().Be(FallbackOutcome.Exhausted);

    [Fact]
    public void A_type_without_a_fallback_list_an_anonymized_message_or_one_without_a_notification_never_falls_back()
    {
        var failed = Sms().Failing(MessageFailureKind.Rejected);
        var legacy = Message.Restore(failed.ToState() with { NotificationId = null });

        Decide(Setup(), [failed]).Outcome.Should().Be(FallbackOutcome.None);
        Decide(Setup(Protocol.Email), [failed.Anonymize(T0.AddDays(30))]).Outcome.Should().Be(FallbackOutcome.None);
        Decide(Setup(Protocol.Email), [legacy]).Outcome.Should().Be(FallbackOutcome.None);
        Decide(Setup(Protocol.Email), []).Outcome.Should().Be(FallbackOutcome.None);
    }

    [Fact]
    public void The_decision_describes_itself_without_the_address()
        => Decide(Setup(Protocol.Email), [Sms().Failing(MessageFailureKind.Rejected)]).ToString().Should().Be("FallbackDecision (Create, Email)");

    [Fact]
    public void A_notification_with_one_message_stored_before_notification_ids_never_falls_back()
    {
        var failed = Sms().Failing(MessageFailureKind.Rejected);
        var legacy = Message.Restore(Sms().Failing(MessageFailureKind.Rejected).ToState() with { NotificationId = null });

        Decide(Setup(Protocol.Email), [failed, legacy]).Outcome.Should().Be(FallbackOutcome.None);
    }

    [Fact]
    public void The_planner_names_a_missing_argument()
    {
        var sms = Sms().Failing(MessageFailureKind.Rejected);

        FluentActions.Invoking(() => FallbackPlanner.Decide(null!, [sms], Reachable, Catalog)).Should().Throw<ArgumentNullException>().WithParameterName("setup");
        FluentActions.Invoking(() => FallbackPlanner.Decide(Setup(Protocol.Email), null!, Reachable, Catalog)).Should().Throw<ArgumentNullException>().WithParameterName("notification");
        FluentActions.Invoking(() => FallbackPlanner.Decide(Setup(Protocol.Email), [sms], Reachable, null!)).Should().Throw<ArgumentNullException>().WithParameterName("catalog");
        FluentActions.Invoking(() => FallbackPlanner.FailedForGood(null!, Setup())).Should().Throw<ArgumentNullException>().WithParameterName("message");
        FluentActions.Invoking(() => FallbackPlanner.FailedForGood(sms, null!)).Should().Throw<ArgumentNullException>().WithParameterName("setup");
    }

    [Fact]
    public void No_decision_describes_itself_without_a_protocol()
        => FallbackDecision.None.ToString().Should().Be("FallbackDecision (None)");

    private static FallbackDecision Decide(NotificationTypeOptions setup, IReadOnlyList<Message> messages) => FallbackPlanner.Decide(setup, messages, Reachable, Catalog);

    private static NotificationTypeOptions Setup(params Protocol[] fallback)
    {
        var setup = new NotificationTypeOptions();
        setup.Protocols.Add(Protocol.Sms);
        foreach (var protocol in fallback)
        {
            setup.Fallback.Add(protocol);
        }

        return setup;
    }

    private static MessageContent Content() => new("Reservering", "Din bog er klar", """{"title":"Bogen"}""");

    private static Message Sms()
        => Message.CreatePending(MessageId.New(T0), BorrowerId.Parse("B-1"), NotificationType.ReservationReady, Protocol.Sms, MessageRecipient.Phone(PhoneNumber.Parse("20 12 34 56")), Content(), "da-DK", T0);

    private static Message Email(Message first)
        => Message.CreatePending(MessageId.New(T0), BorrowerId.Parse("B-1"), NotificationType.ReservationReady, Protocol.Email, MessageRecipient.Email(EmailAddress.Parse("hans@example.dk")), Content(), "da-DK", T0, notificationId: first.Id);
}

/// <summary>Test helpers for failing a message.</summary>
internal static class FailingMessage
{
    public static Message Failing(this Message message, MessageFailureKind kind)
        => message.MarkFailed(message.CreatedAt.AddMinutes(1), new MessageFailure(kind, "The provider said no."));
}
