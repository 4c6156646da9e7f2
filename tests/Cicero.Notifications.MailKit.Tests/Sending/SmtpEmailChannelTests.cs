using Cicero.Notifications.MailKit.Tests.Support;
using MimeKit;

namespace Cicero.Notifications.MailKit.Tests.Sending;

public sealed class SmtpEmailChannelTests : IAsyncLifetime
{
    private SmtpHarness _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpHarness.StartAsync(o => o.ReplyTo = "service@bibliotek.dk");

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task Delivered_message_keeps_Danish_letters_in_subject_and_body()
    {
        var message = _smtp.Email("hans@example.dk", subject: "Påmindelse: æøå ÆØÅ", body: "Kære Søren Ærø,\nbogen »Året på Bådehøj« skal afleveres.");

        var result = await _smtp.Channel.SendAsync(message, CancellationToken.None);

        result.Outcome.Should().Be(DeliveryOutcome.Delivered);
        var mail = _smtp.Server.Received.Should().ContainSingle().Subject.Message;
        (mail.Subject, mail.TextBody!.ReplaceLineEndings("\n").TrimEnd())
            .Should().Be(("Påmindelse: æøå ÆØÅ", "Kære Søren Ærø,\nbogen »Året på Bådehøj« skal afleveres."));
    }

    [Fact]
    public async Task Text_part_is_declared_as_UTF_8()
    {
        await _smtp.Channel.SendAsync(_smtp.Email("hans@example.dk"), CancellationToken.None);

        var part = _smtp.Server.Received.Should().ContainSingle().Subject.Message.Body;
        part!.ContentType.Charset.Should().BeEquivalentTo("utf-8");
    }

    [Fact]
    public async Task Message_id_is_derived_from_the_message_id()
    {
        var message = _smtp.Email("hans@example.dk");

        var result = await _smtp.Channel.SendAsync(message, CancellationToken.None);

        _smtp.Server.Received.Should().ContainSingle().Subject.Message.MessageId.Should().Be($"{message.Id}@cicero.notifications");
        result.ProviderMessageId.Should().Be($"{message.Id}@cicero.notifications");
    }

    [Fact]
    public async Task Message_is_marked_as_auto_generated()
    {
        await _smtp.Channel.SendAsync(_smtp.Email("hans@example.dk"), CancellationToken.None);

        _smtp.Server.Received.Should().ContainSingle().Subject.Message.Headers["Auto-Submitted"].Should().Be("auto-generated");
    }

    [Fact]
    public async Task Html_body_makes_a_multipart_alternative_with_text_and_html()
    {
        var message = _smtp.Email("hans@example.dk", body: "Bogen er klar.", html: "<p>Bogen er <b>klar</b> – hent den på Ørestad Bibliotek.</p>");

        await _smtp.Channel.SendAsync(message, CancellationToken.None);

        var mail = _smtp.Server.Received.Should().ContainSingle().Subject.Message;
        mail.Body.Should().BeOfType<MultipartAlternative>();
        (mail.TextBody!.Trim(), mail.HtmlBody!.Trim()).Should().Be(("Bogen er klar.", "<p>Bogen er <b>klar</b> – hent den på Ørestad Bibliotek.</p>"));
    }

    [Fact]
    public async Task Message_without_html_is_a_single_text_part()
    {
        await _smtp.Channel.SendAsync(_smtp.Email("hans@example.dk"), CancellationToken.None);

        _smtp.Server.Received.Should().ContainSingle().Subject.Message.Body.Should().BeOfType<TextPart>().Which.IsPlain.Should().BeTrue();
    }

    [Fact]
    public async Task Sender_is_the_library_name_by_default()
    {
        await _smtp.Channel.SendAsync(_smtp.Email("hans@example.dk"), CancellationToken.None);

        var from = _smtp.Server.Received.Should().ContainSingle().Subject.Message.From.Mailboxes.Should().ContainSingle().Subject;
        (from.Name, from.Address).Should().Be(("Københavns Biblioteker", "noreply@bibliotek.dk"));
    }

    [Fact]
    public async Task Reply_to_is_set_when_configured()
    {
        await _smtp.Channel.SendAsync(_smtp.Email("hans@example.dk"), CancellationToken.None);

        _smtp.Server.Received.Should().ContainSingle().Subject.Message.ReplyTo.Mailboxes.Select(m => m.Address).Should().Equal("service@bibliotek.dk");
    }

    [Fact]
    public async Task Idn_domain_is_sent_as_punycode()
    {
        await _smtp.Channel.SendAsync(_smtp.Email("hans@æblehaven.dk"), CancellationToken.None);

        _smtp.Server.Received.Should().ContainSingle().Subject.EnvelopeTo.Should().Equal("hans@xn--blehaven-i0a.dk");
    }

    [Fact]
    public async Task Idn_domain_is_written_as_punycode_in_the_To_header()
    {
        await _smtp.Channel.SendAsync(_smtp.Email("hans@æblehaven.dk"), CancellationToken.None);

        _smtp.Server.Received.Should().ContainSingle().Subject.Message.Headers[HeaderId.To].Should().Contain("hans@xn--blehaven-i0a.dk");
    }

    [Fact]
    public async Task Unknown_mailbox_is_a_permanent_failure_naming_the_SMTP_code()
    {
        _smtp.Server.RecipientReplies["ukendt@example.dk"] = 550;

        var result = await _smtp.Channel.SendAsync(_smtp.Email("ukendt@example.dk"), CancellationToken.None);

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.PermanentFailure, "SMTP 550: mailbox unavailable (recipient refused)"));
    }

    [Fact]
    public async Task Refusal_reason_never_contains_the_address_the_server_echoed()
    {
        _smtp.Server.RecipientReplies["ukendt@example.dk"] = 550;

        var result = await _smtp.Channel.SendAsync(_smtp.Email("ukendt@example.dk"), CancellationToken.None);

        result.Reason.Should().NotContain("ukendt");
    }

    [Fact]
    public async Task Greylisted_recipient_is_a_transient_failure()
    {
        _smtp.Server.RecipientReplies["graa@example.dk"] = 451;

        var result = await _smtp.Channel.SendAsync(_smtp.Email("graa@example.dk"), CancellationToken.None);

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.TransientFailure, "SMTP 451: local error in processing (recipient refused)"));
    }

    [Fact]
    public async Task Connection_stays_usable_after_a_refused_recipient()
    {
        _smtp.Server.RecipientReplies["ukendt@example.dk"] = 550;
        await _smtp.Channel.SendAsync(_smtp.Email("ukendt@example.dk"), CancellationToken.None);

        var result = await _smtp.Channel.SendAsync(_smtp.Email("hans@example.dk"), CancellationToken.None);

        (result.Outcome, _smtp.Server.SessionsStarted).Should().Be((DeliveryOutcome.Delivered, 1));
    }

    [Fact]
    public async Task Sequential_messages_reuse_one_connection()
    {
        for (var i = 0; i < 3; i++)
        {
            await _smtp.Channel.SendAsync(_smtp.Email($"laaner{i}@example.dk"), CancellationToken.None);
        }

        (_smtp.Server.Received.Count, _smtp.Server.SessionsStarted).Should().Be((3, 1));
    }

    [Fact]
    public async Task Connection_idle_longer_than_the_idle_timeout_is_replaced()
    {
        await _smtp.Channel.SendAsync(_smtp.Email("hans@example.dk"), CancellationToken.None);
        _smtp.Time.Advance(TimeSpan.FromMinutes(1));

        await _smtp.Channel.SendAsync(_smtp.Email("grete@example.dk"), CancellationToken.None);

        _smtp.Server.SessionsStarted.Should().Be(2);
    }

    [Fact]
    public async Task Cancelled_send_throws_OperationCanceledException()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => _smtp.Channel.SendAsync(_smtp.Email("hans@example.dk"), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Message_without_an_email_recipient_is_a_permanent_failure()
    {
        var message = _smtp.Email("hans@example.dk") with { Recipient = null };

        var result = await _smtp.Channel.SendAsync(message, CancellationToken.None);

        result.Outcome.Should().Be(DeliveryOutcome.PermanentFailure);
    }

    [Fact]
    public void Channel_declares_at_least_once_delivery()
    {
        ((INotificationChannel)_smtp.Channel).Guarantee.Should().Be(DeliveryGuarantee.AtLeastOnce);
    }

    [Fact]
    public async Task Logs_never_contain_the_address_subject_or_body()
    {
        _smtp.Server.RecipientReplies["ukendt@example.dk"] = 550;
        _smtp.Server.RecipientReplies["graa@example.dk"] = 451;
        await _smtp.Channel.SendAsync(_smtp.Email("ukendt@example.dk", subject: "Hemmeligt emne", body: "Hemmelig tekst"), CancellationToken.None);
        await _smtp.Channel.SendAsync(_smtp.Email("graa@example.dk", subject: "Hemmeligt emne", body: "Hemmelig tekst"), CancellationToken.None);
        await _smtp.Channel.SendAsync(_smtp.Email("hans@example.dk", subject: "Hemmeligt emne", body: "Hemmelig tekst"), CancellationToken.None);

        var logged = _smtp.AllLogText();

        logged.Should().Contain("SmtpMessageRejected", "the refusal is logged").And.NotContainAny("ukendt", "graa", "hans@", "Hemmelig");
    }
}
