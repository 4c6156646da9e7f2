using System.Text;
using Cicero.Notifications.Domain;
using Microsoft.Extensions.Time.Testing;
using static Cicero.Notifications.MailKit.Tests.Bounces.DsnSamples;

namespace Cicero.Notifications.MailKit.Tests.Bounces;

/// <summary>Reading RFC 3464 delivery status notifications into delivery receipts.</summary>
public sealed class DeliveryStatusNotificationsTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2025, 3, 3, 15, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<DeliveryReceipt> Read(string raw, Protocol? protocol = null)
        => DeliveryStatusNotifications.ReadReceipts(Parse(raw), ReceivedAt, protocol);

    [Fact]
    public void User_unknown_bounce_is_a_permanent_failure_of_the_returned_mail()
    {
        var receipt = Read(PostfixUserUnknown()).Should().ContainSingle().Subject;

        (receipt.Protocol, receipt.ProviderMessageId, receipt.Outcome).Should().Be((Protocol.Email, SentId, DeliveryReceiptOutcome.FailedPermanently));
    }

    [Fact]
    public void Failure_reason_is_the_status_and_the_diagnostic_code_with_the_address_replaced()
    {
        var receipt = Read(PostfixUserUnknown()).Should().ContainSingle().Subject;

        receipt.Reason.Should().Be("5.1.1 smtp; 550 5.1.1 [address]: Recipient address rejected: User unknown in virtual mailbox table");
    }

    [Fact]
    public void Failure_reason_never_contains_the_recipient_address()
    {
        var receipt = Read(PostfixUserUnknown(recipient: "aase.kjaer@example.dk")).Should().ContainSingle().Subject;

        receipt.Reason.Should().NotContainAny("aase.kjaer", "@");
    }

    [Fact]
    public void A_bare_address_in_the_diagnostic_code_is_removed()
    {
        var receipts = Read(SendmailMultiRecipient());

        receipts[0].Reason.Should().Be("5.2.2 SMTP; 552 5.2.2 Mailbox full: [address]");
    }

    [Fact]
    public void The_recipients_mailbox_name_alone_is_removed_from_the_reason()
    {
        var block = """
            Final-Recipient: rfc822; hans.hansen@example.dk
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 User Hans.Hansen unknown; hans.hansen.
            """;

        var receipt = Read(Report("Reporting-MTA: dns; mx.bibliotek.dk", block, ReturnedHeaders($"Message-Id: <{SentId}>"))).Should().ContainSingle().Subject;

        receipt.Reason.Should().Be("5.1.1 smtp; 550 5.1.1 User [address] unknown; [address].");
    }

    [Fact]
    public void Delayed_report_is_a_transient_failure_read_from_text_rfc822_headers()
    {
        var receipt = Read(PostfixDelayed()).Should().ContainSingle().Subject;

        (receipt.ProviderMessageId, receipt.Outcome, receipt.Reason).Should().Be(
            (SentId, DeliveryReceiptOutcome.FailedTransiently, "4.4.1 X-Postfix; connect to mx.example.dk[192.0.2.10]:25: Connection timed out"));
    }

    [Fact]
    public void Delivered_report_confirms_delivery_without_a_reason()
    {
        var receipt = Read(PostfixDelivered()).Should().ContainSingle().Subject;

        (receipt.ProviderMessageId, receipt.Outcome, receipt.Reason).Should().Be((SentId, DeliveryReceiptOutcome.Delivered, (string?)null));
    }

    [Fact]
    public void Expanded_report_confirms_delivery()
    {
        var block = """
            Final-Recipient: rfc822; udlaan@example.dk
            Action: expanded
            Status: 2.0.0
            """;

        var receipt = Read(Report("Reporting-MTA: dns; lists.example.dk", block, ReturnedHeaders($"Message-Id: <{SentId}>"))).Should().ContainSingle().Subject;

        receipt.Outcome.Should().Be(DeliveryReceiptOutcome.Delivered);
    }

    [Fact]
    public void Multi_recipient_report_gives_a_receipt_per_recipient_and_none_for_relayed()
    {
        var receipts = Read(SendmailMultiRecipient());

        receipts.Select(r => (r.ProviderMessageId, r.Outcome)).Should().Equal(
            (SentId, DeliveryReceiptOutcome.FailedPermanently),
            (SentId, DeliveryReceiptOutcome.FailedTransiently));
    }

    [Fact]
    public void Each_recipient_is_reported_at_its_last_attempt()
    {
        var receipts = Read(SendmailMultiRecipient());

        receipts.Select(r => r.ReportedAt).Should().Equal(
            new DateTimeOffset(2025, 3, 3, 9, 0, 3, TimeSpan.Zero),
            new DateTimeOffset(2025, 3, 3, 9, 0, 4, TimeSpan.Zero));
    }

    [Fact]
    public void Without_a_last_attempt_the_receipt_is_reported_at_the_reports_Date()
    {
        var receipt = Read(PostfixUserUnknown()).Should().ContainSingle().Subject;

        receipt.ReportedAt.Should().Be(new DateTimeOffset(2025, 3, 3, 9, 0, 5, TimeSpan.Zero));
    }

    [Fact]
    public void Without_a_Date_the_receipt_is_reported_at_the_arrival_date()
    {
        var raw = Report("Reporting-MTA: dns; mx.bibliotek.dk\nArrival-Date: Mon, 3 Mar 2025 10:00:01 +0100", FailedBlock, ReturnedHeaders($"Message-Id: <{SentId}>"));

        var receipt = Read(raw).Should().ContainSingle().Subject;

        receipt.ReportedAt.Should().Be(new DateTimeOffset(2025, 3, 3, 9, 0, 1, TimeSpan.Zero));
    }

    [Fact]
    public void Without_any_date_the_receipt_is_reported_when_the_bounce_was_received()
    {
        var raw = Report("Reporting-MTA: dns; mx.bibliotek.dk", FailedBlock, ReturnedHeaders($"Message-Id: <{SentId}>"));

        var receipt = Read(raw).Should().ContainSingle().Subject;

        receipt.ReportedAt.Should().Be(ReceivedAt);
    }

    [Fact]
    public void A_date_after_the_bounce_was_received_is_taken_as_the_time_received()
    {
        var raw = Report("Reporting-MTA: dns; mx.bibliotek.dk", FailedBlock, ReturnedHeaders($"Message-Id: <{SentId}>"), headers: "Date: Tue, 4 Mar 2025 10:00:00 +0100\n");

        var receipt = Read(raw).Should().ContainSingle().Subject;

        receipt.ReportedAt.Should().Be(ReceivedAt);
    }

    [Fact]
    public void The_original_id_is_written_as_the_channel_writes_Message_Id()
    {
        var options = new SmtpEmailOptions { SenderAddress = "noreply@bibliotek.dk", MessageIdDomain = "vejlebib.dk" };
        var id = MessageId.New(ReceivedAt);
        var written = new MimeMessageFactory(options, new FakeTimeProvider(ReceivedAt)).MessageIdOf(id);

        var receipt = Read(PostfixUserUnknown(messageId: written)).Should().ContainSingle().Subject;

        receipt.ProviderMessageId.Should().Be(written);
    }

    [Theory]
    [InlineData($"Message-Id: <{SentId}>")]
    [InlineData($"Message-ID:   <{SentId}>  (returned)")]
    [InlineData($"Message-Id:\n <{SentId}>")]
    public void Angle_brackets_comments_and_folding_are_removed_from_the_original_id(string header)
    {
        var receipt = Read(Report("Reporting-MTA: dns; mx.bibliotek.dk", FailedBlock, ReturnedHeaders(header))).Should().ContainSingle().Subject;

        receipt.ProviderMessageId.Should().Be(SentId);
    }

    [Theory]
    [InlineData($"<{SentId}>")]
    [InlineData(SentId)]
    public void Without_returned_headers_the_original_envelope_id_names_the_mail(string envelopeId)
    {
        var raw = Report($"Original-Envelope-Id: {envelopeId}\nReporting-MTA: dns; mx.bibliotek.dk", FailedBlock);

        var receipt = Read(raw).Should().ContainSingle().Subject;

        receipt.ProviderMessageId.Should().Be(SentId);
    }

    [Fact]
    public void Without_returned_headers_or_envelope_id_In_Reply_To_names_the_mail()
    {
        var raw = Report("Reporting-MTA: dns; mx.bibliotek.dk", FailedBlock, headers: $"In-Reply-To: <{SentId}>\n");

        var receipt = Read(raw).Should().ContainSingle().Subject;

        receipt.ProviderMessageId.Should().Be(SentId);
    }

    [Fact]
    public void Without_In_Reply_To_the_last_reference_names_the_mail()
    {
        var raw = Report("Reporting-MTA: dns; mx.bibliotek.dk", FailedBlock, headers: $"References: <earlier@bibliotek.dk>\n <{SentId}>\n");

        var receipt = Read(raw).Should().ContainSingle().Subject;

        receipt.ProviderMessageId.Should().Be(SentId);
    }

    [Fact]
    public void Returned_Message_Id_wins_over_the_other_ids()
    {
        var raw = Report("Original-Envelope-Id: QQ314159\nReporting-MTA: dns; mx.bibliotek.dk", FailedBlock, ReturnedHeaders($"Message-Id: <{SentId}>"), headers: "In-Reply-To: <other@bibliotek.dk>\n");

        var receipt = Read(raw).Should().ContainSingle().Subject;

        receipt.ProviderMessageId.Should().Be(SentId);
    }

    [Fact]
    public void Receipts_are_for_the_protocol_the_host_passes()
    {
        var newsletter = Protocol.Parse("Nyhedsbrev");

        var receipt = Read(PostfixUserUnknown(), newsletter).Should().ContainSingle().Subject;

        receipt.Protocol.Should().Be(newsletter);
    }

    [Fact]
    public void A_report_wrapped_in_multipart_mixed_is_read()
    {
        var raw = $$"""
            From: MAILER-DAEMON@gateway.kommune.dk
            To: noreply@bibliotek.dk
            Subject: Undeliverable: Din reservering er klar til afhentning
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: text/plain

            This message was scanned by the municipal gateway.

            --outer
            {{PostfixUserUnknown().Split("MIME-Version: 1.0\n", 2)[1]}}
            --outer--
            """;

        var receipt = Read(raw).Should().ContainSingle().Subject;

        (receipt.ProviderMessageId, receipt.Outcome).Should().Be((SentId, DeliveryReceiptOutcome.FailedPermanently));
    }

    [Fact]
    public void A_global_delivery_status_report_is_read()
    {
        var raw = Report("Reporting-MTA: dns; mx.bibliotek.dk", FailedBlock, ReturnedHeaders($"Message-Id: <{SentId}>"))
            .Replace("message/delivery-status", "message/global-delivery-status", StringComparison.Ordinal);

        Read(raw).Should().ContainSingle().Which.Outcome.Should().Be(DeliveryReceiptOutcome.FailedPermanently);
    }

    [Fact]
    public void Mail_that_is_not_a_delivery_status_notification_gives_no_receipts()
    {
        var reply = $$"""
            From: Hans Hansen <hans@example.dk>
            To: noreply@bibliotek.dk
            Subject: Re: Din reservering er klar til afhentning
            In-Reply-To: <{{SentId}}>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Tak, jeg henter den i morgen.
            """;

        Read(reply).Should().BeEmpty();
    }

    [Fact]
    public void Disposition_notification_report_gives_no_receipts()
    {
        var raw = Report("Reporting-MTA: dns; mx.bibliotek.dk", FailedBlock, ReturnedHeaders($"Message-Id: <{SentId}>"))
            .Replace("report-type=delivery-status", "report-type=disposition-notification", StringComparison.Ordinal)
            .Replace("message/delivery-status", "message/disposition-notification", StringComparison.Ordinal);

        Read(raw).Should().BeEmpty();
    }

    [Fact]
    public void Report_without_an_original_message_id_gives_no_receipts()
    {
        var raw = Report("Reporting-MTA: dns; mx.bibliotek.dk", FailedBlock, ReturnedHeaders("X-No-Id: here"));

        Read(raw).Should().BeEmpty();
    }

    [Fact]
    public void Report_without_recipient_blocks_gives_no_receipts()
    {
        var raw = Report("Reporting-MTA: dns; mx.bibliotek.dk", "", ReturnedHeaders($"Message-Id: <{SentId}>"));

        Read(raw).Should().BeEmpty();
    }

    [Fact]
    public void Recipient_block_without_a_known_action_is_skipped()
    {
        var block = """
            Final-Recipient: rfc822; hans@example.dk
            Action: bounced
            Status: 5.1.1
            """;

        Read(Report("Reporting-MTA: dns; mx.bibliotek.dk", block, ReturnedHeaders($"Message-Id: <{SentId}>"))).Should().BeEmpty();
    }

    [Fact]
    public void Action_is_read_regardless_of_case_and_a_trailing_comment()
    {
        var block = """
            Final-Recipient: rfc822; hans@example.dk
            Action: FAILED (bad destination mailbox)
            Status: 5.1.1
            """;

        var receipt = Read(Report("Reporting-MTA: dns; mx.bibliotek.dk", block, ReturnedHeaders($"Message-Id: <{SentId}>"))).Should().ContainSingle().Subject;

        (receipt.Outcome, receipt.Reason).Should().Be((DeliveryReceiptOutcome.FailedPermanently, "5.1.1"));
    }

    [Fact]
    public void Malformed_delivery_status_gives_no_receipts()
    {
        var raw = Report("\u0000\u0001 not: a\n : field list\n\n:::", "<<<>>>", ReturnedHeaders($"Message-Id: <{SentId}>"));

        var act = () => Read(raw);

        act.Should().NotThrow().Which.Should().BeEmpty();
    }

    [Fact]
    public void Truncated_report_gives_no_receipts()
    {
        var raw = PostfixUserUnknown();
        var truncated = raw[..raw.IndexOf("Final-Recipient", StringComparison.Ordinal)];

        Read(truncated).Should().BeEmpty();
    }

    [Fact]
    public async Task Raw_MIME_from_a_stream_is_read()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(PostfixUserUnknown()));

        var receipts = await DeliveryStatusNotifications.ReadReceiptsAsync(stream, ReceivedAt);

        receipts.Should().ContainSingle().Which.ProviderMessageId.Should().Be(SentId);
    }

    [Fact]
    public async Task A_stream_that_is_not_a_mail_gives_no_receipts()
    {
        using var stream = new MemoryStream([0x00, 0xFF, 0x13, 0x37]);

        var receipts = await DeliveryStatusNotifications.ReadReceiptsAsync(stream, ReceivedAt);

        receipts.Should().BeEmpty();
    }

    [Fact]
    public async Task An_empty_stream_gives_no_receipts()
    {
        using var stream = new MemoryStream();

        var receipts = await DeliveryStatusNotifications.ReadReceiptsAsync(stream, ReceivedAt);

        receipts.Should().BeEmpty();
    }
}
