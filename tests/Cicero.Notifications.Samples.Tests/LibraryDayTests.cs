using Cicero.Notifications.Domain;
using Cicero.Notifications.Samples.Console;

namespace Cicero.Notifications.Samples.Tests;

/// <summary>The key outcomes of the console sample's story (one run, on a fresh SQLite database).</summary>
public sealed class LibraryDayTests(LibraryDayFixture day) : IClassFixture<LibraryDayFixture>
{
    private static readonly Protocol Print = Protocol.Parse("Print");

    [Fact]
    public void First_run_on_a_new_database_is_run_one()
    {
        day.Result.Run.Should().Be(1);
    }

    [Fact]
    public void Database_is_a_file_in_the_data_folder()
    {
        File.Exists(day.Result.DatabasePath).Should().BeTrue();
    }

    [Fact]
    public void Borrower_with_sms_and_imported_email_gets_the_reservation_notice_on_both()
    {
        day.Result.MessagesByBorrower["Karen"].Should().BeEquivalentTo(
        [
            new { Type = NotificationType.ReservationReady, Protocol = Protocol.Sms, Status = MessageStatus.Sent },
            new { Type = NotificationType.ReservationReady, Protocol = Protocol.Email, Status = MessageStatus.Sent },
            new { Type = NotificationType.OverdueNotice, Protocol = Protocol.Sms, Status = MessageStatus.Sent },
            new { Type = NotificationType.OverdueNotice, Protocol = Protocol.Email, Status = MessageStatus.Sent },
        ]);
    }

    [Fact]
    public void An_evening_sms_waits_for_the_end_of_the_quiet_hours_and_goes_in_the_morning()
    {
        // 1 December 2026 08:00 in Copenhagen is 07:00 UTC.
        day.Result.EveningSmsWaitedUntil.Should().Be(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));
        day.Report.Should().Contain("Karen's SMS is Afventer: sendes tidligst 01.12.2026 08:00").And.Contain("08:00 IMessageDispatcher.DispatchDueAsync: 1 claimed, 1 delivered, 0 failed.");
    }

    [Fact]
    public void Verifying_the_email_address_releases_the_held_welcome_email()
    {
        day.Result.Verification.Should().Be(VerificationResult.Verified);
    }

    [Fact]
    public void Held_welcome_email_is_sent_by_the_dispatch_after_verification()
    {
        day.Result.HeldMessageAfterVerification.Should().BeEquivalentTo(
            new { Type = NotificationType.WelcomeBorrower, Protocol = Protocol.Email, Status = MessageStatus.Sent });
    }

    [Fact]
    public void Manually_added_email_gets_a_verification_message_and_then_the_welcome()
    {
        day.Result.MessagesByBorrower["Mads"].Select(m => (m.Type, m.Protocol, m.Status)).Should().Equal(
            (NotificationType.EmailVerification, Protocol.Email, MessageStatus.Sent),
            (NotificationType.WelcomeBorrower, Protocol.Email, MessageStatus.Sent));
    }

    [Fact]
    public void Borrower_without_contact_details_gets_the_overdue_notice_as_a_letter()
    {
        day.Result.MessagesByBorrower["Ellen"].Select(m => (m.Type, m.Protocol, m.Status)).Should().Equal(
            (NotificationType.OverdueNotice, Print, MessageStatus.Sent));
    }

    [Fact]
    public void Borrower_without_contact_details_gets_missing_contact_info_for_a_type_without_alternative()
    {
        day.Result.MessagesByBorrower["Jonas"].Select(m => (m.Type, m.Status)).Should().Equal(
            (NotificationType.ReservationReady, MessageStatus.MissingContactInfo));
    }

    [Fact]
    public void Company_with_cvr_gets_the_overdue_notice_by_digital_post()
    {
        day.Result.MessagesByBorrower["Tømrer"].Select(m => (m.Type, m.Protocol, m.Status)).Should().Equal(
            (NotificationType.OverdueNotice, Protocol.DigitalPost, MessageStatus.Sent));
    }

    [Fact]
    public void Digital_post_transport_prints_the_meMo_header()
    {
        day.Report.Should().Contain("idType CVR: 29876541").And.Contain("sender CVR 13585628");
    }

    [Fact]
    public void Sms_refused_by_the_gateway_is_in_the_message_queue_before_the_staff_action()
    {
        day.Result.QueueBefore.Should().Equal(
            new QueueEntry(BorrowerId.Parse("L-106"), NotificationType.ReservationReady, Protocol.Sms, "HTTP 400: number not in service"));
    }

    [Fact]
    public void Message_queue_is_empty_after_the_staff_action()
    {
        day.Result.QueueAfter.Should().BeEmpty();
    }

    [Fact]
    public void Refused_sms_rerouted_by_staff_is_sent_as_a_letter()
    {
        day.Result.MessagesByBorrower["Sofie"].Select(m => (m.Type, m.Protocol, m.Status)).Should().StartWith(
            [(NotificationType.ReservationReady, Print, MessageStatus.Sent)]);
    }

    [Fact]
    public void A_refused_overdue_sms_falls_back_to_a_letter_without_staff()
    {
        day.Result.MessagesByBorrower["Sofie"].Where(m => m.Type == NotificationType.OverdueNotice).Select(m => (m.Protocol, m.Status)).Should().Equal(
            (Protocol.Sms, MessageStatus.Failed),
            (Print, MessageStatus.Sent));
        day.Report.Should().Contain("The SMS is Fejlet (Afvist) and replaced by the fallback: Message ").And.Contain(" on Print took over after it failed (Rejected).")
            .And.Contain("Message queue: 0 (nothing for staff to do).");
    }

    [Fact]
    public void Unverified_email_address_is_deleted_the_night_after_its_window_ends()
    {
        day.Result.ExpiryNight.EmailAddressesDeleted.Should().Be(1);
    }

    [Fact]
    public void Held_messages_of_the_expired_address_go_to_the_alternative_protocol_or_missing_contact_info()
    {
        day.Result.MessagesByBorrower["Peter"].Select(m => (m.Type, m.Protocol, m.Status)).Should().Equal(
            (NotificationType.EmailVerification, Protocol.Email, MessageStatus.Sent),
            (NotificationType.WelcomeBorrower, Print, MessageStatus.Sent),
            (NotificationType.ReservationReady, Protocol.Email, MessageStatus.MissingContactInfo));
    }

    [Fact]
    public void Nothing_is_anonymized_before_the_retention_period_has_passed()
    {
        day.Result.ExpiryNight.MessagesAnonymized.Should().Be(0);
    }

    [Fact]
    public void Every_message_of_the_day_is_anonymized_a_month_later()
    {
        day.Result.MessagesByBorrower.Values.SelectMany(m => m).Should().OnlyContain(m => m.IsAnonymized);
    }

    [Fact]
    public void Anonymization_night_counts_every_message_of_the_day()
    {
        day.Result.AnonymizationNight.MessagesAnonymized.Should().Be(day.Result.MessagesByBorrower.Values.Sum(m => m.Count));
    }

    [Fact]
    public void Anonymized_messages_show_the_night_as_their_changed_time()
    {
        day.Report.Should().Contain("30.11.2026 09:00  31.12.2026 02:00  anonymized");
    }

    [Fact]
    public void Printed_message_is_an_html_file_in_the_data_folder()
    {
        day.Result.PrintedHtmlPath.Should().StartWith(Path.GetFullPath(day.DataFolder)).And.EndWith(".html");
    }

    [Fact]
    public void Printed_message_names_the_library()
    {
        File.ReadAllText(day.Result.PrintedHtmlPath).Should().Contain("Eksempelby Bibliotek");
    }

    [Fact]
    public void Report_prints_the_text_version_of_the_printed_message()
    {
        day.Report.Should().Contain("Udskrift af besked");
    }

    [Fact]
    public void Report_has_a_heading_for_every_section_and_a_summary()
    {
        day.Report.Split('\n').Where(l => l.StartsWith("== ", StringComparison.Ordinal)).Should().HaveCount(14);
    }

    [Fact]
    public void Every_waiting_letter_is_printed_in_one_run_and_listed_as_csv()
    {
        day.Result.PrintRun!.Letters.Should().Be(4, "Ellen's overdue notice, Sofie's two letters and Peter's welcome");
        File.ReadAllText(day.Result.PrintRun.HtmlPath).Should().Contain("<section class=\"letter\">").And.Contain("Eksempelby Bibliotek");
        File.ReadAllText(Path.ChangeExtension(day.Result.PrintRun.HtmlPath, ".csv")).Should().StartWith("besked_id,laaner,type,filial");
    }
}
