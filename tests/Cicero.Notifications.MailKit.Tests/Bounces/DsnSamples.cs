using System.Text;
using MimeKit;

namespace Cicero.Notifications.MailKit.Tests.Bounces;

/// <summary>
/// Bounces as real servers write them (Postfix, Sendmail, Exchange), for a mail the SMTP channel sent with
/// <c>Message-Id: &lt;{id}&gt;</c> from noreply@bibliotek.dk. Every sample names the recipient where real servers do: in
/// the text part, the recipient fields and the diagnostic code.
/// </summary>
internal static class DsnSamples
{
    public const string SentId = "01JNBZ8Q4T6V2W3X4Y5Z6A7B8C@cicero.notifications";

    public static MimeMessage Parse(string raw) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));

    /// <summary>Postfix's "Undelivered Mail Returned to Sender": 5.1.1 user unknown, the whole mail returned as message/rfc822.</summary>
    public static string PostfixUserUnknown(string messageId = SentId, string recipient = "hans@example.dk") => $$"""
        Return-Path: <>
        Received: by mx.bibliotek.dk (Postfix)
        	id 4Z6kQx1Bz3z9sWV; Mon,  3 Mar 2025 10:00:05 +0100 (CET)
        Date: Mon,  3 Mar 2025 10:00:05 +0100 (CET)
        From: MAILER-DAEMON@mx.bibliotek.dk (Mail Delivery System)
        Subject: Undelivered Mail Returned to Sender
        To: noreply@bibliotek.dk
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        	boundary="4Z6kQx1Bz3z9sWV.1741003205/mx.bibliotek.dk"
        Content-Transfer-Encoding: 8bit
        Message-Id: <20250303090005.4Z6kQx1Bz3z9sWV@mx.bibliotek.dk>

        This is a MIME-encapsulated message.

        --4Z6kQx1Bz3z9sWV.1741003205/mx.bibliotek.dk
        Content-Description: Notification
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        This is the mail system at host mx.bibliotek.dk.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients. It's attached below.

                           The mail system

        <{{recipient}}>: host mx.example.dk[192.0.2.10] said: 550 5.1.1
            <{{recipient}}>: Recipient address rejected: User unknown in virtual
            mailbox table (in reply to RCPT TO command)

        --4Z6kQx1Bz3z9sWV.1741003205/mx.bibliotek.dk
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.bibliotek.dk
        X-Postfix-Queue-ID: 4Z6kQx1Bz3z9sWV
        X-Postfix-Sender: rfc822; noreply@bibliotek.dk
        Arrival-Date: Mon,  3 Mar 2025 10:00:01 +0100 (CET)

        Final-Recipient: rfc822; {{recipient}}
        Original-Recipient: rfc822;{{recipient}}
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mx.example.dk
        Diagnostic-Code: smtp; 550 5.1.1 <{{recipient}}>: Recipient address rejected:
            User unknown in virtual mailbox table

        --4Z6kQx1Bz3z9sWV.1741003205/mx.bibliotek.dk
        Content-Description: Undelivered Message
        Content-Type: message/rfc822
        Content-Transfer-Encoding: 8bit

        Return-Path: <noreply@bibliotek.dk>
        Received: from app01.bibliotek.dk (app01.bibliotek.dk [192.0.2.20])
        	by mx.bibliotek.dk (Postfix) with ESMTPS id 4Z6kQx1Bz3z9sWV
        	for <{{recipient}}>; Mon,  3 Mar 2025 10:00:01 +0100 (CET)
        From: "Vejle Bibliotekerne" <noreply@bibliotek.dk>
        To: {{recipient}}
        Subject: Din reservering er klar til afhentning
        Message-Id: <{{messageId}}>
        Date: Mon, 03 Mar 2025 09:00:00 +0000
        Auto-Submitted: auto-generated
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        Kære Hans Hansen, Kongens Fald ligger klar til dig.

        --4Z6kQx1Bz3z9sWV.1741003205/mx.bibliotek.dk--
        """;

    /// <summary>Postfix's "Delayed Mail (still being retried)": 4.4.1, only the headers returned as text/rfc822-headers.</summary>
    public static string PostfixDelayed(string messageId = SentId, string recipient = "hans@example.dk") => $$"""
        Return-Path: <>
        Date: Mon,  3 Mar 2025 14:00:07 +0100 (CET)
        From: MAILER-DAEMON@mx.bibliotek.dk (Mail Delivery System)
        Subject: Delayed Mail (still being retried)
        To: noreply@bibliotek.dk
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        	boundary="4Z6kR22pHtz9sWW.1741006807/mx.bibliotek.dk"
        Message-Id: <20250303130007.4Z6kR22pHtz9sWW@mx.bibliotek.dk>

        This is a MIME-encapsulated message.

        --4Z6kR22pHtz9sWW.1741006807/mx.bibliotek.dk
        Content-Description: Notification
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.bibliotek.dk.

        ####################################################################
        # THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
        ####################################################################

        Your message could not be delivered for more than 4 hour(s).
        It will be retried until it is 5 day(s) old.

        <{{recipient}}>: connect to mx.example.dk[192.0.2.10]:25: Connection timed out

        --4Z6kR22pHtz9sWW.1741006807/mx.bibliotek.dk
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.bibliotek.dk
        X-Postfix-Queue-ID: 4Z6kR22pHtz9sWW
        X-Postfix-Sender: rfc822; noreply@bibliotek.dk
        Arrival-Date: Mon,  3 Mar 2025 10:00:01 +0100 (CET)

        Final-Recipient: rfc822; {{recipient}}
        Original-Recipient: rfc822;{{recipient}}
        Action: delayed
        Status: 4.4.1
        Diagnostic-Code: X-Postfix; connect to mx.example.dk[192.0.2.10]:25: Connection
            timed out
        Will-Retry-Until: Sat,  8 Mar 2025 10:00:01 +0100 (CET)

        --4Z6kR22pHtz9sWW.1741006807/mx.bibliotek.dk
        Content-Description: Undelivered Message Headers
        Content-Type: text/rfc822-headers

        Return-Path: <noreply@bibliotek.dk>
        From: "Vejle Bibliotekerne" <noreply@bibliotek.dk>
        To: {{recipient}}
        Subject: Din reservering er klar til afhentning
        Message-Id: <{{messageId}}>
        Date: Mon, 03 Mar 2025 09:00:00 +0000

        --4Z6kR22pHtz9sWW.1741006807/mx.bibliotek.dk--
        """;

    /// <summary>Postfix's "Successful Mail Delivery Report" (the sender asked NOTIFY=SUCCESS), headers returned.</summary>
    public static string PostfixDelivered(string messageId = SentId, string recipient = "hans@example.dk") => $$"""
        Return-Path: <>
        Date: Mon,  3 Mar 2025 10:00:04 +0100 (CET)
        From: MAILER-DAEMON@mx.bibliotek.dk (Mail Delivery System)
        Subject: Successful Mail Delivery Report
        To: noreply@bibliotek.dk
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        	boundary="4Z6kQx4Wd1z9sWX.1741003204/mx.bibliotek.dk"
        Message-Id: <20250303090004.4Z6kQx4Wd1z9sWX@mx.bibliotek.dk>

        --4Z6kQx4Wd1z9sWX.1741003204/mx.bibliotek.dk
        Content-Description: Notification
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.bibliotek.dk.

        Your message was successfully delivered to the destination(s)
        listed below.

        <{{recipient}}>: delivery via mx.example.dk[192.0.2.10]:25: 250 2.0.0 Ok:
            queued as 4Z6kQy0abc

        --4Z6kQx4Wd1z9sWX.1741003204/mx.bibliotek.dk
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.bibliotek.dk
        X-Postfix-Queue-ID: 4Z6kQx4Wd1z9sWX
        X-Postfix-Sender: rfc822; noreply@bibliotek.dk
        Arrival-Date: Mon,  3 Mar 2025 10:00:01 +0100 (CET)

        Final-Recipient: rfc822; {{recipient}}
        Original-Recipient: rfc822;{{recipient}}
        Action: delivered
        Status: 2.0.0
        Remote-MTA: dns; mx.example.dk
        Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as 4Z6kQy0abc

        --4Z6kQx4Wd1z9sWX.1741003204/mx.bibliotek.dk
        Content-Description: Message Headers
        Content-Type: text/rfc822-headers

        From: "Vejle Bibliotekerne" <noreply@bibliotek.dk>
        To: {{recipient}}
        Subject: Din reservering er klar til afhentning
        Message-Id: <{{messageId}}>
        Date: Mon, 03 Mar 2025 09:00:00 +0000

        --4Z6kQx4Wd1z9sWX.1741003204/mx.bibliotek.dk--
        """;

    /// <summary>
    /// Sendmail's "Returned mail: see transcript for details" for a mail to three recipients: a full mailbox (the address
    /// bare in the diagnostic), one still being retried and one relayed; each block with its Last-Attempt-Date.
    /// </summary>
    public static string SendmailMultiRecipient(string messageId = SentId) => $$"""
        Return-Path: <>
        Date: Mon, 3 Mar 2025 10:05:00 +0100
        From: Mail Delivery Subsystem <MAILER-DAEMON@relay.kommune.dk>
        To: <noreply@bibliotek.dk>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        	boundary="52390F05Z.1741003500/relay.kommune.dk"
        Subject: Returned mail: see transcript for details
        Auto-Submitted: auto-generated (failure)
        Message-Id: <202503030905.52390F05Z@relay.kommune.dk>

        This is a MIME-encapsulated message

        --52390F05Z.1741003500/relay.kommune.dk

        The original message was received at Mon, 3 Mar 2025 10:00:01 +0100
        from app01.bibliotek.dk [192.0.2.20]

           ----- The following addresses had permanent fatal errors -----
        <hans@example.dk>
            (reason: 552 5.2.2 Mailbox full)

        --52390F05Z.1741003500/relay.kommune.dk
        Content-Type: message/delivery-status

        Reporting-MTA: dns; relay.kommune.dk
        Received-From-MTA: DNS; app01.bibliotek.dk
        Arrival-Date: Mon, 3 Mar 2025 10:00:01 +0100

        Final-Recipient: RFC822; hans@example.dk
        Action: failed
        Status: 5.2.2
        Remote-MTA: DNS; mx.example.dk
        Diagnostic-Code: SMTP; 552 5.2.2 Mailbox full: hans@example.dk
        Last-Attempt-Date: Mon, 3 Mar 2025 10:00:03 +0100

        Final-Recipient: RFC822; grete@example.dk
        Action: delayed
        Status: 4.2.0
        Remote-MTA: DNS; mx2.example.dk
        Diagnostic-Code: SMTP; 450 4.2.0 <grete@example.dk>: Recipient address rejected: Greylisted
        Last-Attempt-Date: Mon, 3 Mar 2025 10:00:04 +0100

        Final-Recipient: RFC822; kurt@gateway.example.dk
        Action: relayed
        Status: 2.0.0
        Remote-MTA: DNS; gateway.example.dk
        Last-Attempt-Date: Mon, 3 Mar 2025 10:00:02 +0100

        --52390F05Z.1741003500/relay.kommune.dk
        Content-Type: text/rfc822-headers

        From: "Vejle Bibliotekerne" <noreply@bibliotek.dk>
        To: hans@example.dk, grete@example.dk, kurt@gateway.example.dk
        Subject: Din reservering er klar til afhentning
        Message-Id: <{{messageId}}>
        Date: Mon, 03 Mar 2025 09:00:00 +0000

        --52390F05Z.1741003500/relay.kommune.dk--
        """;

    /// <summary>
    /// A report built from parts: the per-message fields, one recipient block, what comes after the delivery-status part,
    /// and extra headers of the report itself. For the shapes between the real samples.
    /// </summary>
    public static string Report(string perMessage, string recipientBlock, string returned = "", string headers = "") => $$"""
        Return-Path: <>
        From: Mail Delivery System <MAILER-DAEMON@mx.bibliotek.dk>
        To: noreply@bibliotek.dk
        Subject: Undelivered Mail Returned to Sender
        {{headers}}MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain; charset=us-ascii

        Your message could not be delivered.

        --b1
        Content-Type: message/delivery-status

        {{perMessage}}

        {{recipientBlock}}

        {{returned}}--b1--
        """;

    /// <summary>A returned-headers part, as <see cref="Report"/> takes it.</summary>
    public static string ReturnedHeaders(string messageIdHeader) => $$"""
        --b1
        Content-Type: text/rfc822-headers

        From: noreply@bibliotek.dk
        To: hans@example.dk
        Subject: Din reservering er klar til afhentning
        {{messageIdHeader}}


        """;

    public const string FailedBlock = """
        Final-Recipient: rfc822; hans@example.dk
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 User unknown
        """;
}
