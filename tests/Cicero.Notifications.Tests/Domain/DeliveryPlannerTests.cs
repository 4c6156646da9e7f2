using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>
/// The protocol decision (rules 6–8, 12 and 13) as a decision table: each test is one row — a type's setup and a
/// borrower's profile in, the messages to create out.
/// </summary>
public sealed class DeliveryPlannerTests
{
    private const string CprText = "070761-4285";
    private const string CvrText = "13585628";

    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset WithinWindow = T0.AddDays(1);
    private static readonly DateTimeOffset PastWindow = T0.AddDays(3).AddMinutes(1);
    private static readonly TimeSpan Window = TimeSpan.FromDays(3);

    private static readonly Protocol Print = Protocol.Parse("Print");
    private static readonly Protocol App = Protocol.Parse("App");
    private static readonly Protocol Letter = Protocol.Parse("Letter");

    private static readonly ProtocolCatalog Catalog = ProtocolCatalog.Create(
    [
        new UserDefinedProtocolOptions { Name = "Print", Address = ProtocolAddress.None },
        new UserDefinedProtocolOptions { Name = "App", Address = ProtocolAddress.Phone },
        new UserDefinedProtocolOptions { Name = "Letter", Address = ProtocolAddress.CprOrCvr },
    ]);

    private static readonly MessageRecipient Hans = MessageRecipient.Email(EmailAddress.Parse("hans@example.dk"));
    private static readonly MessageRecipient Grete = MessageRecipient.Email(EmailAddress.Parse("grete@example.dk"));
    private static readonly MessageRecipient Mobile = MessageRecipient.Phone(PhoneNumber.Parse("20 12 34 56"));
    private static readonly MessageRecipient OtherMobile = MessageRecipient.Phone(PhoneNumber.Parse("31 45 67 89"));

    // ---- rule 7: every chosen protocol, one message per protocol and address ----------------------------------

    [Fact]
    public void Sms_and_email_both_chosen_give_two_messages_in_the_types_order()
    {
        var profile = Borrower().AddContact(VerifiedEmail("hans@example.dk")).AddContact(NotificationPhone("20 12 34 56"));

        var plan = Plan(Type(Protocol.Sms, Protocol.Email), profile);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Protocol.Sms, Mobile, Held: false), new PlannedDelivery(Protocol.Email, Hans, Held: false));
    }

    [Fact]
    public void The_types_order_decides_not_the_order_of_the_contact_points()
    {
        var profile = Borrower().AddContact(NotificationPhone("20 12 34 56")).AddContact(VerifiedEmail("hans@example.dk"));

        var plan = Plan(Type(Protocol.Email, Protocol.Sms), profile);

        plan.Deliveries.Select(d => d.Protocol).Should().Equal(Protocol.Email, Protocol.Sms);
    }

    [Fact]
    public void Chosen_protocols_give_outcome_Chosen_shown_with_the_types_first_protocol()
    {
        var profile = Borrower().AddContact(VerifiedEmail("hans@example.dk"));

        var plan = Plan(Type(Protocol.Sms, Protocol.Email), profile);

        plan.Should().BeEquivalentTo(new { Outcome = DeliveryPlanOutcome.Chosen, DisplayProtocol = Protocol.Sms });
    }

    [Fact]
    public void Two_notification_phones_give_two_sms_messages()
    {
        var profile = Borrower().AddContact(NotificationPhone("20 12 34 56")).AddContact(NotificationPhone("31 45 67 89"));

        var plan = Plan(Type(Protocol.Sms), profile);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Protocol.Sms, Mobile, Held: false), new PlannedDelivery(Protocol.Sms, OtherMobile, Held: false));
    }

    [Fact]
    public void Two_verified_notification_emails_give_two_email_messages()
    {
        var profile = Borrower().AddContact(VerifiedEmail("hans@example.dk")).AddContact(VerifiedEmail("grete@example.dk"));

        var plan = Plan(Type(Protocol.Email), profile);

        plan.Deliveries.Select(d => d.Recipient).Should().Equal(Hans, Grete);
    }

    [Fact]
    public void A_phone_of_purpose_Other_is_ignored()
    {
        var profile = Borrower()
            .AddContact(ContactPoint.ForPhone(PhoneNumber.Parse("31 45 67 89"), ContactPurpose.Other, ContactSource.Manual, T0))
            .AddContact(NotificationPhone("20 12 34 56"));

        var plan = Plan(Type(Protocol.Sms), profile);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Protocol.Sms, Mobile, Held: false));
    }

    [Fact]
    public void Only_a_phone_of_purpose_Other_means_SMS_is_not_chosen()
    {
        var profile = Borrower().AddContact(ContactPoint.ForPhone(PhoneNumber.Parse("20 12 34 56"), ContactPurpose.Other, ContactSource.Manual, T0));

        var plan = Plan(Type(Protocol.Sms), profile);

        plan.Outcome.Should().Be(DeliveryPlanOutcome.MissingContactInfo);
    }

    [Fact]
    public void An_email_of_purpose_Other_is_ignored()
    {
        var profile = Borrower().AddContact(ContactPoint.ForEmail(EmailAddress.Parse("hans@example.dk"), ContactPurpose.Other, ContactSource.Import, T0));

        var plan = Plan(Type(Protocol.Email), profile);

        plan.Outcome.Should().Be(DeliveryPlanOutcome.MissingContactInfo);
    }

    [Fact]
    public void A_toll_free_notification_phone_is_not_an_sms_address()
    {
        var profile = Borrower().AddContact(NotificationPhone("+45 80 12 34 56"));

        var plan = Plan(Type(Protocol.Sms), profile);

        plan.Outcome.Should().Be(DeliveryPlanOutcome.MissingContactInfo);
    }

    [Fact]
    public void A_chosen_protocol_wins_over_the_alternative()
    {
        var profile = Borrower().AddContact(NotificationPhone("20 12 34 56"));

        var plan = Plan(TypeWithAlternative(Print, Protocol.Sms), profile);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Protocol.Sms, Mobile, Held: false));
    }

    // ---- rules 12 and 13: unverified e-mail addresses ------------------------------------------------------

    [Fact]
    public void Only_an_unverified_manual_email_within_its_window_gives_a_held_email_message()
    {
        var profile = Borrower().AddContact(UnverifiedEmail("hans@example.dk"));

        var plan = Plan(Type(Protocol.Email), profile, WithinWindow);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Protocol.Email, Hans, Held: true));
    }

    [Fact]
    public void A_held_email_counts_as_chosen_so_the_alternative_is_not_used()
    {
        var profile = Borrower().AddContact(UnverifiedEmail("hans@example.dk"));

        var plan = Plan(TypeWithAlternative(Print, Protocol.Email), profile, WithinWindow);

        plan.Outcome.Should().Be(DeliveryPlanOutcome.Chosen);
    }

    [Fact]
    public void An_unverified_email_past_its_window_counts_as_absent_and_the_alternative_is_used()
    {
        var profile = Borrower().AddContact(UnverifiedEmail("hans@example.dk"));

        var plan = Plan(TypeWithAlternative(Print, Protocol.Email), profile, PastWindow);

        plan.Should().BeEquivalentTo(new { Outcome = DeliveryPlanOutcome.Alternative, Deliveries = new[] { new PlannedDelivery(Print, null, Held: false) } });
    }

    [Fact]
    public void An_unverified_email_past_its_window_without_an_alternative_gives_MissingContactInfo()
    {
        var profile = Borrower().AddContact(UnverifiedEmail("hans@example.dk"));

        var plan = Plan(Type(Protocol.Email), profile, PastWindow);

        plan.Outcome.Should().Be(DeliveryPlanOutcome.MissingContactInfo);
    }

    [Fact]
    public void A_resent_verification_keeps_the_email_within_its_window()
    {
        var profile = Borrower().AddContact(UnverifiedEmail("hans@example.dk").WithVerificationToken("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", T0.AddDays(2)));

        var plan = Plan(Type(Protocol.Email), profile, PastWindow);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Protocol.Email, Hans, Held: true));
    }

    [Fact]
    public void A_verified_and_an_unverified_email_give_one_message_sent_and_one_held()
    {
        var profile = Borrower().AddContact(VerifiedEmail("grete@example.dk")).AddContact(UnverifiedEmail("hans@example.dk"));

        var plan = Plan(Type(Protocol.Email), profile, WithinWindow);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Protocol.Email, Grete, Held: false), new PlannedDelivery(Protocol.Email, Hans, Held: true));
    }

    [Fact]
    public void An_unverified_email_next_to_a_phone_gives_an_sms_and_a_held_email()
    {
        var profile = Borrower().AddContact(NotificationPhone("20 12 34 56")).AddContact(UnverifiedEmail("hans@example.dk"));

        var plan = Plan(Type(Protocol.Sms, Protocol.Email), profile, WithinWindow);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Protocol.Sms, Mobile, Held: false), new PlannedDelivery(Protocol.Email, Hans, Held: true));
    }

    [Fact]
    public void An_imported_email_needs_no_verification()
    {
        var profile = Borrower().AddContact(ContactPoint.ForEmail(EmailAddress.Parse("hans@example.dk"), ContactPurpose.Notification, ContactSource.Import, T0));

        var plan = Plan(Type(Protocol.Email), profile, WithinWindow);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Protocol.Email, Hans, Held: false));
    }

    // ---- rule 8: none chosen --------------------------------------------------------------------------------

    [Fact]
    public void None_chosen_with_an_alternative_protocol_gives_one_alternative_delivery()
    {
        var profile = Borrower();

        var plan = Plan(TypeWithAlternative(Print, Protocol.Sms, Protocol.Email), profile);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Print, null, Held: false));
    }

    [Fact]
    public void An_alternative_delivery_is_shown_with_the_alternative_protocol()
    {
        var profile = Borrower();

        var plan = Plan(TypeWithAlternative(Print, Protocol.Sms, Protocol.Email), profile);

        plan.Should().BeEquivalentTo(new { Outcome = DeliveryPlanOutcome.Alternative, DisplayProtocol = Print });
    }

    [Fact]
    public void The_alternative_protocol_needs_no_opt_in()
    {
        var profile = Borrower().AddContact(NotificationPhone("20 12 34 56"));

        var plan = Plan(TypeWithAlternative(App, Protocol.Email), profile);

        plan.Deliveries.Should().Equal(new PlannedDelivery(App, Mobile, Held: false));
    }

    [Fact]
    public void None_chosen_without_an_alternative_gives_MissingContactInfo_without_deliveries()
    {
        var profile = Borrower();

        var plan = Plan(Type(Protocol.Sms, Protocol.Email), profile);

        plan.Should().BeEquivalentTo(new { Outcome = DeliveryPlanOutcome.MissingContactInfo, Deliveries = Array.Empty<PlannedDelivery>() });
    }

    [Fact]
    public void MissingContactInfo_is_shown_with_the_types_first_protocol()
    {
        var profile = Borrower();

        var plan = Plan(Type(Protocol.Email, Protocol.Sms), profile);

        plan.DisplayProtocol.Should().BeSameAs(Protocol.Email);
    }

    [Fact]
    public void An_alternative_protocol_whose_address_the_borrower_lacks_gives_MissingContactInfo()
    {
        var profile = Borrower();

        var plan = Plan(TypeWithAlternative(App, Protocol.Email), profile);

        plan.Should().BeEquivalentTo(new { Outcome = DeliveryPlanOutcome.MissingContactInfo, DisplayProtocol = Protocol.Email });
    }

    [Fact]
    public void An_unverified_email_is_not_an_address_for_an_email_alternative()
    {
        var profile = Borrower().AddContact(UnverifiedEmail("hans@example.dk"));

        var plan = Plan(TypeWithAlternative(Protocol.Email, Protocol.Sms), profile, WithinWindow);

        plan.Outcome.Should().Be(DeliveryPlanOutcome.MissingContactInfo);
    }

    // ---- Digital Post and user-defined protocols (rule 6) ---------------------------------------------------

    [Fact]
    public void Digital_Post_opted_in_by_a_person_goes_to_the_CPR_number()
    {
        var profile = Borrower().SetCpr(Cpr.Parse(CprText)).OptIn(Protocol.DigitalPost);

        var plan = Plan(Type(Protocol.DigitalPost), profile);

        plan.Deliveries.Should().ContainSingle().Which.Recipient!.Kind.Should().Be(RecipientKind.Cpr);
    }

    [Fact]
    public void Digital_Post_opted_in_by_a_company_goes_to_the_CVR_number()
    {
        var profile = Borrower().SetCvr(Cvr.Parse(CvrText)).OptIn(Protocol.DigitalPost);

        var plan = Plan(Type(Protocol.DigitalPost), profile);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Protocol.DigitalPost, MessageRecipient.Company(Cvr.Parse(CvrText)), Held: false));
    }

    [Fact]
    public void Digital_Post_in_the_type_but_not_opted_in_is_not_chosen()
    {
        var profile = Borrower().SetCpr(Cpr.Parse(CprText));

        var plan = Plan(Type(Protocol.DigitalPost), profile);

        plan.Outcome.Should().Be(DeliveryPlanOutcome.MissingContactInfo);
    }

    [Fact]
    public void Digital_Post_next_to_sms_gives_both()
    {
        var profile = Borrower().SetCpr(Cpr.Parse(CprText)).OptIn(Protocol.DigitalPost).AddContact(NotificationPhone("20 12 34 56"));

        var plan = Plan(Type(Protocol.DigitalPost, Protocol.Sms), profile);

        plan.Deliveries.Select(d => d.Protocol).Should().Equal(Protocol.DigitalPost, Protocol.Sms);
    }

    [Fact]
    public void A_user_defined_protocol_needing_a_phone_opted_in_without_a_phone_is_not_chosen()
    {
        var profile = Borrower().OptIn(App);

        var plan = Plan(Type(App), profile);

        plan.Outcome.Should().Be(DeliveryPlanOutcome.MissingContactInfo);
    }

    [Fact]
    public void A_user_defined_protocol_needing_a_phone_opted_in_with_a_phone_is_chosen()
    {
        var profile = Borrower().OptIn(App).AddContact(NotificationPhone("20 12 34 56"));

        var plan = Plan(Type(App), profile);

        plan.Deliveries.Should().Equal(new PlannedDelivery(App, Mobile, Held: false));
    }

    [Fact]
    public void A_user_defined_protocol_needing_no_address_opted_in_is_chosen_without_a_recipient()
    {
        var profile = Borrower().OptIn(Print);

        var plan = Plan(Type(Print), profile);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Print, null, Held: false));
    }

    [Fact]
    public void A_user_defined_protocol_not_opted_in_is_not_chosen()
    {
        var profile = Borrower().AddContact(NotificationPhone("20 12 34 56"));

        var plan = Plan(Type(App), profile);

        plan.Outcome.Should().Be(DeliveryPlanOutcome.MissingContactInfo);
    }

    [Fact]
    public void A_user_defined_protocol_needing_an_identifier_goes_to_the_CPR_number()
    {
        var profile = Borrower().SetCpr(Cpr.Parse(CprText)).OptIn(Letter);

        var plan = Plan(Type(Letter), profile);

        plan.Deliveries.Should().Equal(new PlannedDelivery(Letter, MessageRecipient.Person(Cpr.Parse(CprText)), Held: false));
    }

    [Fact]
    public void A_protocol_missing_from_the_catalog_is_refused()
    {
        var profile = Borrower();

        var act = () => DeliveryPlanner.Plan(Type(Protocol.Parse("Fax")), profile, Catalog, T0, Window);

        act.Should().Throw<ArgumentException>().WithMessage("*'Fax'*");
    }

    [Fact]
    public void A_type_without_protocols_is_refused()
    {
        var act = () => DeliveryPlanner.Plan(new NotificationTypeOptions(), Borrower(), Catalog, T0, Window);

        act.Should().Throw<ArgumentException>().WithParameterName("setup");
    }

    // ---- TryFindRecipient: a staff reroute finds the current address, ignoring opt-ins ----------------------

    [Fact]
    public void Finding_an_sms_recipient_returns_the_first_notification_phone()
    {
        var profile = Borrower().AddContact(NotificationPhone("20 12 34 56")).AddContact(NotificationPhone("31 45 67 89"));

        var found = DeliveryPlanner.TryFindRecipient(Protocol.Sms, profile, Catalog, out var recipient);

        (found, recipient).Should().Be((true, Mobile));
    }

    [Fact]
    public void Finding_an_email_recipient_skips_an_unverified_address()
    {
        var profile = Borrower().AddContact(UnverifiedEmail("hans@example.dk"));

        var found = DeliveryPlanner.TryFindRecipient(Protocol.Email, profile, Catalog, out _);

        found.Should().BeFalse();
    }

    [Fact]
    public void Finding_a_Digital_Post_recipient_ignores_the_opt_in()
    {
        var profile = Borrower().SetCvr(Cvr.Parse(CvrText));

        var found = DeliveryPlanner.TryFindRecipient(Protocol.DigitalPost, profile, Catalog, out var recipient);

        (found, recipient?.Kind).Should().Be((true, RecipientKind.Cvr));
    }

    [Fact]
    public void Finding_a_recipient_for_a_protocol_that_needs_no_address_succeeds_without_one()
    {
        var profile = Borrower();

        var found = DeliveryPlanner.TryFindRecipient(Print, profile, Catalog, out var recipient);

        (found, recipient).Should().Be((true, (MessageRecipient?)null));
    }

    [Fact]
    public void Finding_a_Digital_Post_recipient_without_an_identifier_fails()
    {
        var profile = Borrower();

        var found = DeliveryPlanner.TryFindRecipient(Protocol.DigitalPost, profile, Catalog, out _);

        found.Should().BeFalse();
    }

    // ---- the e-mail alternative, argument checks, printing ------------------------------------------------------

    [Fact]
    public void A_verified_email_address_receives_the_message_when_email_is_the_alternative()
    {
        var profile = Borrower().AddContact(VerifiedEmail("hans@example.dk"));

        var plan = Plan(TypeWithAlternative(Protocol.Email, Protocol.Sms), profile);

        plan.Should().BeEquivalentTo(new { Outcome = DeliveryPlanOutcome.Alternative, Deliveries = new[] { new PlannedDelivery(Protocol.Email, Hans, Held: false) } });
    }

    [Fact]
    public void An_unverified_email_address_is_no_alternative()
    {
        var profile = Borrower().AddContact(UnverifiedEmail("hans@example.dk"));

        var plan = Plan(TypeWithAlternative(Protocol.Email, Protocol.Sms), profile);

        plan.Outcome.Should().Be(DeliveryPlanOutcome.MissingContactInfo);
    }

    [Fact]
    public void The_planner_refuses_null_arguments_and_a_type_without_protocols()
    {
        var type = Type(Protocol.Sms);
        var profile = Borrower();
        var checks = new (Action Act, string Parameter)[]
        {
            (() => DeliveryPlanner.Plan(null!, profile, Catalog, T0, Window), "setup"),
            (() => DeliveryPlanner.Plan(type, null!, Catalog, T0, Window), "profile"),
            (() => DeliveryPlanner.Plan(type, profile, null!, T0, Window), "catalog"),
            (() => DeliveryPlanner.TryFindRecipient(null!, profile, Catalog, out _), "protocol"),
            (() => DeliveryPlanner.TryFindRecipient(Protocol.Sms, null!, Catalog, out _), "profile"),
            (() => DeliveryPlanner.TryFindRecipient(Protocol.Sms, profile, null!, out _), "catalog"),
        };
        var empty = () => DeliveryPlanner.Plan(Type(), profile, Catalog, T0, Window);

        checks.Should().AllSatisfy(c => c.Act.Should().Throw<ArgumentNullException>().WithParameterName(c.Parameter));
        empty.Should().Throw<ArgumentException>().WithMessage("The notification type has no protocols. (Parameter 'setup')");
    }

    [Fact]
    public void A_planned_delivery_shows_its_protocol_and_whether_it_is_held_but_not_the_address()
    {
        (new PlannedDelivery(Protocol.Email, Hans, Held: true).ToString(), new PlannedDelivery(Protocol.Sms, Mobile, Held: false).ToString())
            .Should().Be(("PlannedDelivery (Email, held)", "PlannedDelivery (Sms)"));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static DeliveryPlan Plan(NotificationTypeOptions type, BorrowerProfile profile) => Plan(type, profile, T0);

    private static DeliveryPlan Plan(NotificationTypeOptions type, BorrowerProfile profile, DateTimeOffset now)
        => DeliveryPlanner.Plan(type, profile, Catalog, now, Window);

    private static NotificationTypeOptions Type(params Protocol[] protocols) => TypeWithAlternative(null, protocols);

    private static NotificationTypeOptions TypeWithAlternative(Protocol? alternative, params Protocol[] protocols)
    {
        var type = new NotificationTypeOptions { AlternativeProtocol = alternative };
        foreach (var protocol in protocols)
        {
            type.Protocols.Add(protocol);
        }

        return type;
    }

    private static BorrowerProfile Borrower() => BorrowerProfile.Create(BorrowerId.Parse("B-1001"));

    private static ContactPoint NotificationPhone(string number)
        => ContactPoint.ForPhone(PhoneNumber.Parse(number), ContactPurpose.Notification, ContactSource.Manual, T0);

    private static ContactPoint VerifiedEmail(string address)
        => ContactPoint.ForEmail(EmailAddress.Parse(address), ContactPurpose.Notification, ContactSource.Manual, T0).Verify(T0);

    private static ContactPoint UnverifiedEmail(string address)
        => ContactPoint.ForEmail(EmailAddress.Parse(address), ContactPurpose.Notification, ContactSource.Manual, T0);
}
