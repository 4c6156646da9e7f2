using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>Rules 6, 11 and 13–16: contact points, CPR or CVR, opt-in protocols and e-mail verification on a borrower's profile.</summary>
public sealed class BorrowerProfileTests
{
    private const string EmailText = "hans@example.dk";
    private const string PhoneText = "20 12 34 56";
    private const string CprText = "070761-4285";
    private const string TokenHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(1));
    private static readonly TimeSpan Window = TimeSpan.FromDays(3);
    private static readonly BorrowerId Id = BorrowerId.Parse("B-1001");
    private static readonly Protocol Print = Protocol.Parse("Print");

    // ---- contact points -------------------------------------------------------------------------------------

    [Fact]
    public void A_new_profile_has_no_contact_points_identifier_or_opt_ins()
    {
        var profile = BorrowerProfile.Create(Id);

        profile.Should().BeEquivalentTo(new { ContactPoints = Array.Empty<ContactPoint>(), OptIns = Array.Empty<Protocol>(), HasIdentifier = false, PreferredCulture = (string?)null });
    }

    [Fact]
    public void A_manually_added_notification_email_starts_unverified()
    {
        var email = ManualEmail();

        email.VerifiedAt.Should().BeNull();
    }

    [Fact]
    public void A_manually_added_notification_email_is_awaiting_verification()
    {
        var email = ManualEmail();

        email.IsAwaitingVerification.Should().BeTrue();
    }

    [Fact]
    public void A_manually_added_notification_email_is_not_used_for_notifications_until_verified()
    {
        var email = ManualEmail();

        email.IsUsableForNotifications.Should().BeFalse();
    }

    [Theory]
    [InlineData(ContactSource.Import)]
    [InlineData(ContactSource.Migrated)]
    public void An_imported_or_migrated_email_is_verified_on_arrival(ContactSource source)
    {
        var email = ContactPoint.ForEmail(EmailAddress.Parse(EmailText), ContactPurpose.Notification, source, T0);

        email.Should().BeEquivalentTo(new { VerifiedAt = (DateTimeOffset?)T0, IsAwaitingVerification = false, IsUsableForNotifications = true });
    }

    [Fact]
    public void A_manually_added_email_for_other_purposes_is_not_awaiting_verification()
    {
        var email = ContactPoint.ForEmail(EmailAddress.Parse(EmailText), ContactPurpose.Other, ContactSource.Manual, T0);

        email.IsAwaitingVerification.Should().BeFalse();
    }

    [Fact]
    public void A_notification_phone_is_used_for_notifications_without_verification()
    {
        var phone = NotificationPhone();

        phone.IsUsableForNotifications.Should().BeTrue();
    }

    [Fact]
    public void A_phone_for_other_purposes_is_not_used_for_notifications()
    {
        var phone = ContactPoint.ForPhone(PhoneNumber.Parse(PhoneText), ContactPurpose.Other, ContactSource.Manual, T0);

        phone.IsUsableForNotifications.Should().BeFalse();
    }

    [Fact]
    public void A_contact_point_does_not_print_its_address()
    {
        var email = ManualEmail();

        email.ToString().Should().Be("Email (Notification, Manual, unverified)");
    }

    [Fact]
    public void Adding_a_contact_point_keeps_it_on_the_profile()
    {
        var phone = NotificationPhone();

        var profile = BorrowerProfile.Create(Id).AddContact(phone);

        profile.ContactPoints.Should().Equal(phone);
    }

    [Fact]
    public void Adding_a_contact_point_leaves_the_original_profile_unchanged()
    {
        var profile = BorrowerProfile.Create(Id);

        profile.AddContact(NotificationPhone());

        profile.ContactPoints.Should().BeEmpty();
    }

    [Fact]
    public void Adding_the_same_email_address_twice_is_refused()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(ManualEmail());

        var act = () => profile.AddContact(ContactPoint.ForEmail(EmailAddress.Parse(EmailText), ContactPurpose.Other, ContactSource.Import, T0));

        act.Should().Throw<InvalidOperationException>().WithMessage("Borrower B-1001 already has this e-mail address*");
    }

    [Fact]
    public void Adding_the_same_phone_number_written_differently_is_refused()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(NotificationPhone());

        var act = () => profile.AddContact(ContactPoint.ForPhone(PhoneNumber.Parse("+45 20 12 34 56"), ContactPurpose.Other, ContactSource.Manual, T0));

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Refusing_a_duplicate_address_does_not_reveal_the_address()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(ManualEmail());

        var act = () => profile.AddContact(ManualEmail());

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().NotContain("hans").And.NotContain("example.dk");
    }

    [Fact]
    public void Refusing_a_duplicate_phone_number_does_not_reveal_the_number()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(NotificationPhone());

        var act = () => profile.AddContact(NotificationPhone());

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().NotContainAny("20123456", "20 12 34 56");
    }

    [Fact]
    public void Removing_a_contact_point_by_its_address_as_typed_removes_it()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(NotificationPhone());

        var changed = profile.RemoveContact(ContactKind.Phone, "+4520123456");

        changed.ContactPoints.Should().BeEmpty();
    }

    [Fact]
    public void Removing_an_unknown_contact_point_is_refused()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(NotificationPhone());

        var act = () => profile.RemoveContact(ContactKind.Email, EmailText);

        act.Should().Throw<InvalidOperationException>().WithMessage("Borrower B-1001 has no such e-mail address*");
    }

    [Fact]
    public void Refusing_to_remove_an_unknown_address_does_not_reveal_the_address()
    {
        var profile = BorrowerProfile.Create(Id);

        var act = () => profile.RemoveContact(ContactKind.Email, EmailText);

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().NotContain("hans").And.NotContain("example.dk");
    }

    [Fact]
    public void Finding_a_contact_point_matches_the_address_written_differently()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(NotificationPhone());

        var found = profile.FindContact(ContactKind.Phone, "+45 20 12 34 56");

        found.Should().BeSameAs(profile.ContactPoints[0]);
    }

    [Fact]
    public void Finding_an_address_of_the_other_kind_finds_nothing()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(ManualEmail());

        var found = profile.FindContact(ContactKind.Phone, EmailText);

        found.Should().BeNull();
    }

    [Fact]
    public void Replacing_a_contact_point_with_its_verified_version_keeps_one_contact_point()
    {
        var email = ManualEmail();
        var profile = BorrowerProfile.Create(Id).AddContact(email);

        var changed = profile.ReplaceContact(email.Verify(T0.AddHours(1)));

        changed.ContactPoints.Should().ContainSingle().Which.VerifiedAt.Should().Be(T0.AddHours(1));
    }

    [Fact]
    public void Replacing_a_contact_point_the_profile_does_not_have_is_refused()
    {
        var profile = BorrowerProfile.Create(Id);

        var act = () => profile.ReplaceContact(ManualEmail());

        act.Should().Throw<InvalidOperationException>();
    }

    // ---- CPR or CVR, Digital Post (rule 16) -----------------------------------------------------------------

    [Fact]
    public void A_person_has_a_CPR_number()
    {
        var profile = BorrowerProfile.Create(Id).SetCpr(Cpr.Parse(CprText));

        profile.HasIdentifier.Should().BeTrue();
    }

    [Fact]
    public void A_company_has_a_CVR_number()
    {
        var profile = Company();

        profile.HasIdentifier.Should().BeTrue();
    }

    [Fact]
    public void Setting_a_CVR_number_on_a_person_is_refused()
    {
        var person = Person();

        var act = () => person.SetCvr(Cvr.Parse("13585628"));

        act.Should().Throw<InvalidOperationException>().WithMessage("*CPR or a CVR number, not both*");
    }

    [Fact]
    public void Setting_a_CPR_number_on_a_company_is_refused()
    {
        var company = Company();

        var act = () => company.SetCpr(Cpr.Parse(CprText));

        act.Should().Throw<InvalidOperationException>().WithMessage("*CPR or a CVR number, not both*");
    }

    [Fact]
    public void Refusing_a_second_identifier_does_not_reveal_the_CPR_number()
    {
        var company = Company();

        var act = () => company.SetCpr(Cpr.Parse(CprText));

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().NotContainAny("070761", "4285");
    }

    [Fact]
    public void A_person_with_a_CPR_number_can_switch_on_Digital_Post()
    {
        var profile = Person().OptIn(Protocol.DigitalPost);

        profile.HasOptedIn(Protocol.DigitalPost).Should().BeTrue();
    }

    [Fact]
    public void A_company_with_a_CVR_number_can_switch_on_Digital_Post()
    {
        var profile = Company().OptIn(Protocol.DigitalPost);

        profile.HasOptedIn(Protocol.DigitalPost).Should().BeTrue();
    }

    [Fact]
    public void Switching_on_Digital_Post_without_a_CPR_or_CVR_number_is_refused()
    {
        var profile = BorrowerProfile.Create(Id);

        var act = () => profile.OptIn(Protocol.DigitalPost);

        act.Should().Throw<InvalidOperationException>().WithMessage("Borrower B-1001 cannot switch on Digital Post without a CPR or CVR number.");
    }

    [Fact]
    public void Removing_the_identifier_switches_Digital_Post_off()
    {
        var profile = Person().OptIn(Protocol.DigitalPost);

        var changed = profile.RemoveIdentifier();

        changed.HasOptedIn(Protocol.DigitalPost).Should().BeFalse();
    }

    [Fact]
    public void Removing_the_identifier_keeps_other_opt_ins()
    {
        var profile = Person().OptIn(Protocol.DigitalPost).OptIn(Print);

        var changed = profile.RemoveIdentifier();

        changed.OptIns.Should().Equal(Print);
    }

    [Fact]
    public void Removing_the_identifier_removes_the_CPR_number()
    {
        var profile = Person();

        var changed = profile.RemoveIdentifier();

        changed.HasIdentifier.Should().BeFalse();
    }

    [Fact]
    public void A_profile_prints_only_the_borrower_id()
    {
        var profile = Person();

        profile.ToString().Should().Be("BorrowerProfile B-1001");
    }

    // ---- opt-ins (rule 6) -----------------------------------------------------------------------------------

    [Theory]
    [InlineData("Sms")]
    [InlineData("Email")]
    public void Switching_on_SMS_or_email_is_refused_because_they_are_chosen_by_a_notification_contact_point(string name)
    {
        var profile = BorrowerProfile.Create(Id);

        var act = () => profile.OptIn(Protocol.Parse(name));

        act.Should().Throw<ArgumentException>().WithParameterName("protocol");
    }

    [Fact]
    public void A_user_defined_protocol_can_be_switched_on_without_an_identifier()
    {
        var profile = BorrowerProfile.Create(Id).OptIn(Print);

        profile.HasOptedIn(Protocol.Parse("print")).Should().BeTrue();
    }

    [Fact]
    public void Switching_on_a_protocol_twice_changes_nothing()
    {
        var profile = BorrowerProfile.Create(Id).OptIn(Print);

        var again = profile.OptIn(Print);

        again.Should().BeSameAs(profile);
    }

    [Fact]
    public void Switching_a_protocol_off_removes_the_opt_in()
    {
        var profile = BorrowerProfile.Create(Id).OptIn(Print);

        var changed = profile.OptOut(Print);

        changed.HasOptedIn(Print).Should().BeFalse();
    }

    [Fact]
    public void A_blank_preferred_culture_means_the_librarys_default()
    {
        var profile = BorrowerProfile.Create(Id).WithPreferredCulture("en-GB").WithPreferredCulture("  ");

        profile.PreferredCulture.Should().BeNull();
    }

    // ---- verification (rules 11, 13, 15) --------------------------------------------------------------------

    [Fact]
    public void A_verification_token_is_kept_only_as_its_hash()
    {
        var email = ManualEmail().WithVerificationToken(TokenHash, T0);

        email.VerificationTokenHash.Should().Be(TokenHash);
    }

    [Fact]
    public void A_new_verification_token_restarts_the_verification_window()
    {
        var email = ManualEmail().WithVerificationToken(TokenHash, T0.AddDays(2));

        email.ExpiresAt(Window).Should().Be(T0.AddDays(5));
    }

    [Fact]
    public void An_unverified_email_expires_when_the_window_after_it_was_added_runs_out()
    {
        var email = ManualEmail();

        email.ExpiresAt(Window).Should().Be(T0.AddDays(3));
    }

    [Fact]
    public void A_verified_email_never_expires()
    {
        var email = ManualEmail().Verify(T0.AddHours(1));

        email.ExpiresAt(Window).Should().BeNull();
    }

    [Fact]
    public void Verifying_an_email_records_when()
    {
        var email = ManualEmail().WithVerificationToken(TokenHash, T0).Verify(T0.AddHours(1));

        email.Should().BeEquivalentTo(new { VerifiedAt = (DateTimeOffset?)T0.AddHours(1), IsAwaitingVerification = false, IsUsableForNotifications = true });
    }

    [Fact]
    public void Verifying_an_email_keeps_the_token_hash_to_recognise_the_link_again()
    {
        var email = ManualEmail().WithVerificationToken(TokenHash, T0).Verify(T0.AddHours(1));

        email.VerificationTokenHash.Should().Be(TokenHash);
    }

    [Fact]
    public void Verifying_an_email_twice_is_refused()
    {
        var verified = ManualEmail().Verify(T0.AddHours(1));

        var act = () => verified.Verify(T0.AddHours(2));

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void An_imported_email_cannot_get_a_verification_token()
    {
        var imported = ContactPoint.ForEmail(EmailAddress.Parse(EmailText), ContactPurpose.Notification, ContactSource.Import, T0);

        var act = () => imported.WithVerificationToken(TokenHash, T0);

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void A_phone_number_cannot_be_verified()
    {
        var phone = NotificationPhone();

        var act = () => phone.Verify(T0);

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void An_unverified_email_is_pending_verification_until_just_before_the_window_runs_out()
    {
        var email = ManualEmail();

        email.IsPendingVerification(T0.AddDays(3).AddTicks(-1), Window).Should().BeTrue();
    }

    [Fact]
    public void An_unverified_email_is_no_longer_pending_verification_when_the_window_runs_out()
    {
        var email = ManualEmail();

        email.IsPendingVerification(T0.AddDays(3), Window).Should().BeFalse();
    }

    [Fact]
    public void An_unverified_email_whose_window_ran_out_is_expired()
    {
        var email = ManualEmail();
        var profile = BorrowerProfile.Create(Id).AddContact(email);

        var expired = profile.ExpiredEmails(T0.AddDays(3), Window);

        expired.Should().Equal(email);
    }

    [Fact]
    public void An_unverified_email_within_its_window_is_not_expired()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(ManualEmail());

        var expired = profile.ExpiredEmails(T0.AddDays(3).AddMinutes(-1), Window);

        expired.Should().BeEmpty();
    }

    [Fact]
    public void A_resent_verification_keeps_an_email_from_expiring_in_the_original_window()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(ManualEmail().WithVerificationToken(TokenHash, T0.AddDays(2)));

        var expired = profile.ExpiredEmails(T0.AddDays(4), Window);

        expired.Should().BeEmpty();
    }

    [Fact]
    public void Verified_imported_and_non_notification_emails_and_phones_never_expire()
    {
        var profile = BorrowerProfile.Create(Id)
            .AddContact(ManualEmail().Verify(T0.AddHours(1)))
            .AddContact(ContactPoint.ForEmail(EmailAddress.Parse("grete@example.dk"), ContactPurpose.Notification, ContactSource.Import, T0))
            .AddContact(ContactPoint.ForEmail(EmailAddress.Parse("arbejde@example.dk"), ContactPurpose.Other, ContactSource.Manual, T0))
            .AddContact(NotificationPhone());

        var expired = profile.ExpiredEmails(T0.AddDays(30), Window);

        expired.Should().BeEmpty();
    }

    [Fact]
    public void A_restored_contact_point_keeps_its_verification_state()
    {
        var point = ContactPoint.Restore(ContactKind.Email, EmailText, ContactPurpose.Notification, ContactSource.Manual, T0, null, T0.AddDays(1), TokenHash);

        point.Should().BeEquivalentTo(new { IsAwaitingVerification = true, VerificationStartedAt = T0.AddDays(1), VerificationTokenHash = TokenHash });
    }

    // ---- Restore --------------------------------------------------------------------------------------------

    [Fact]
    public void Restoring_a_profile_keeps_what_was_stored()
    {
        var restored = BorrowerProfile.Restore(Id, Cpr.Parse(CprText), null, "en-GB", [NotificationPhone()], [Protocol.DigitalPost, Print], 7);

        restored.Should().BeEquivalentTo(new { Id, HasIdentifier = true, PreferredCulture = "en-GB", OptIns = new[] { Protocol.DigitalPost, Print }, Version = 7L });
    }

    [Fact]
    public void Restoring_a_profile_with_both_a_CPR_and_a_CVR_number_is_refused()
    {
        var act = () => BorrowerProfile.Restore(Id, Cpr.Parse(CprText), Cvr.Parse("13585628"), null, [], [], 1);

        act.Should().Throw<ArgumentException>().WithMessage("*not both*");
    }

    [Fact]
    public void Restoring_a_profile_with_Digital_Post_but_no_identifier_is_refused()
    {
        var act = () => BorrowerProfile.Restore(Id, null, null, null, [], [Protocol.DigitalPost], 1);

        act.Should().Throw<ArgumentException>().WithMessage("*Digital Post*");
    }

    // ---- argument checks, messages and small rules -----------------------------------------------------------

    [Fact]
    public void Null_arguments_are_refused_naming_the_parameter()
    {
        var profile = BorrowerProfile.Create(Id);
        var checks = new (Action Act, string Parameter)[]
        {
            (() => BorrowerProfile.Create(null!), "id"),
            (() => BorrowerProfile.Restore(Id, null, null, null, null!, [], 1), "contactPoints"),
            (() => BorrowerProfile.Restore(Id, null, null, null, [], null!, 1), "optIns"),
            (() => profile.FindContact(ContactKind.Phone, null!), "value"),
            (() => profile.AddContact(null!), "contact"),
            (() => profile.ReplaceContact(null!), "changed"),
            (() => profile.SetCpr(null!), "cpr"),
            (() => profile.SetCvr(null!), "cvr"),
            (() => profile.OptIn(null!), "protocol"),
            (() => profile.OptOut(null!), "protocol"),
            (() => ContactPoint.ForPhone(null!, ContactPurpose.Notification, ContactSource.Manual, T0), "phone"),
            (() => ContactPoint.ForEmail(null!, ContactPurpose.Notification, ContactSource.Manual, T0), "email"),
            (() => NotificationPhone().SameAddressAs(null!), "other"),
        };

        checks.Should().AllSatisfy(c => c.Act.Should().Throw<ArgumentNullException>().WithParameterName(c.Parameter));
    }

    [Fact]
    public void Replacing_a_contact_point_the_profile_does_not_have_is_refused_naming_its_kind()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(NotificationPhone());

        var act = () => profile.ReplaceContact(ManualEmail());

        act.Should().Throw<InvalidOperationException>().WithMessage("Borrower B-1001 has no such e-mail address.");
    }

    [Fact]
    public void Removing_an_unknown_phone_number_is_refused_naming_its_kind()
    {
        var act = () => BorrowerProfile.Create(Id).RemoveContact(ContactKind.Phone, PhoneText);

        act.Should().Throw<InvalidOperationException>().WithMessage("Borrower B-1001 has no such phone number.");
    }

    [Theory]
    [InlineData("Sms", "Sms is not switched on: it is chosen by giving a phone number the purpose Notification. (Parameter 'protocol')")]
    [InlineData("Email", "Email is not switched on: it is chosen by giving an e-mail address the purpose Notification. (Parameter 'protocol')")]
    public void Switching_on_sms_or_email_is_refused_saying_how_they_are_chosen(string protocol, string message)
    {
        var act = () => BorrowerProfile.Create(Id).OptIn(Protocol.Parse(protocol));

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void Switching_off_a_protocol_that_is_not_on_changes_nothing()
    {
        var profile = BorrowerProfile.Create(Id);

        profile.OptOut(Print).Should().BeSameAs(profile);
    }

    [Fact]
    public void A_preferred_culture_is_kept_without_surrounding_spaces()
    {
        BorrowerProfile.Create(Id).WithPreferredCulture(" en-GB ").PreferredCulture.Should().Be("en-GB");
    }

    [Fact]
    public void Finding_a_phone_number_the_profile_does_not_have_finds_nothing()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(NotificationPhone());

        profile.FindContact(ContactKind.Phone, "31 45 67 89").Should().BeNull();
    }

    [Fact]
    public void Finding_an_email_address_matches_it_and_only_it()
    {
        var profile = BorrowerProfile.Create(Id).AddContact(ManualEmail());

        (profile.FindContact(ContactKind.Email, "HANS@example.dk"), profile.FindContact(ContactKind.Email, "grete@example.dk"))
            .Should().Be((profile.ContactPoints[0], (ContactPoint?)null));
    }

    [Fact]
    public void A_contact_point_gives_its_address_in_standard_form()
    {
        (NotificationPhone().Value, ManualEmail().Value).Should().Be(("+4520123456", EmailText));
    }

    [Fact]
    public void A_restored_phone_contact_point_is_a_phone_number()
    {
        var point = ContactPoint.Restore(ContactKind.Phone, "+4520123456", ContactPurpose.Notification, ContactSource.Manual, T0, null, T0, null);

        (point.Kind, point.Phone).Should().Be((ContactKind.Phone, PhoneNumber.Parse(PhoneText)));
    }

    [Fact]
    public void A_verification_token_hash_must_not_be_blank()
    {
        var act = () => ManualEmail().WithVerificationToken(" ", T0);

        act.Should().Throw<ArgumentException>().WithParameterName("tokenHash");
    }

    [Fact]
    public void Only_an_address_awaiting_verification_gets_a_token_or_is_verified()
    {
        var phone = NotificationPhone();
        var token = () => phone.WithVerificationToken(TokenHash, T0);
        var verify = () => phone.Verify(T0);

        token.Should().Throw<InvalidOperationException>().WithMessage("Only a notification e-mail address awaiting verification can get a verification token.");
        verify.Should().Throw<InvalidOperationException>().WithMessage("Only a notification e-mail address awaiting verification can be verified.");
    }

    [Fact]
    public void A_verified_or_phone_contact_point_is_shown_without_unverified()
    {
        (NotificationPhone().ToString(), ManualEmail().Verify(T0).ToString()).Should().Be(("Phone (Notification, Manual)", "Email (Notification, Manual)"));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static ContactPoint ManualEmail()
        => ContactPoint.ForEmail(EmailAddress.Parse(EmailText), ContactPurpose.Notification, ContactSource.Manual, T0);

    private static ContactPoint NotificationPhone()
        => ContactPoint.ForPhone(PhoneNumber.Parse(PhoneText), ContactPurpose.Notification, ContactSource.Manual, T0);

    private static BorrowerProfile Person() => BorrowerProfile.Create(Id).SetCpr(Cpr.Parse(CprText));

    private static BorrowerProfile Company() => BorrowerProfile.Create(Id).SetCvr(Cvr.Parse("13585628"));
}
