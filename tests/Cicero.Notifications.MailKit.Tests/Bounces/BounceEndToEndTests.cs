using Cicero.Notifications.Domain;
using Cicero.Notifications.MailKit.Tests.Support;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.MailKit.Tests.Bounces;

/// <summary>
/// A mail sent through the real pipeline and SMTP channel to the loopback server, then a bounce for the mail the server
/// received, applied through <see cref="IDeliveryReceipts"/> as a host polling its bounce mailbox would.
/// </summary>
public sealed class BounceEndToEndTests : IAsyncLifetime
{
    private SmtpHarness _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpHarness.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    private IDeliveryReceipts Receipts => _smtp.Services.GetRequiredService<IDeliveryReceipts>();

    [Fact]
    public async Task Bounce_of_a_sent_mail_makes_its_message_Undeliverable_in_the_queue()
    {
        var message = await SendAsync("hans@example.dk");
        var bounce = DsnSamples.Parse(DsnSamples.PostfixUserUnknown(ReceivedMessageId(), "hans@example.dk"));

        var results = await Receipts.ApplyBounceAsync(bounce, _smtp.Time.GetUtcNow());

        results.Should().Equal(DeliveryReceiptResult.Applied);
        var queue = await _smtp.Messages.ListQueueAsync(MessageQueueFilter.All, new PageRequest(10));
        var failed = queue.Items.Should().ContainSingle(m => m.Id == message.Id).Subject;
        (failed.Status, failed.LastFailure).Should().Be((MessageStatus.Failed,
            new MessageFailure(MessageFailureKind.Undeliverable, "5.1.1 smtp; 550 5.1.1 [address]: Recipient address rejected: User unknown in virtual mailbox table")));
    }

    [Fact]
    public async Task Bounce_leaves_no_address_in_the_message_or_the_logs()
    {
        var message = await SendAsync("aase.kjaer@example.dk");
        var bounce = DsnSamples.Parse(DsnSamples.PostfixUserUnknown(ReceivedMessageId(), "aase.kjaer@example.dk"));

        await Receipts.ApplyBounceAsync(bounce, _smtp.Time.GetUtcNow());

        var failed = await _smtp.ReloadAsync(message);
        (failed.LastFailure!.Reason + " " + string.Join(" ", failed.History.Select(h => h.Reason)) + " " + _smtp.AllLogText())
            .Should().NotContain("aase.kjaer");
    }

    [Fact]
    public async Task Delivery_report_of_a_sent_mail_confirms_its_delivery()
    {
        var message = await SendAsync("hans@example.dk");
        var report = DsnSamples.Parse(DsnSamples.PostfixDelivered(ReceivedMessageId(), "hans@example.dk"));

        await Receipts.ApplyBounceAsync(report, _smtp.Time.GetUtcNow());

        var confirmed = await _smtp.ReloadAsync(message);
        (confirmed.Status, confirmed.DeliveredAt).Should().Be((MessageStatus.Sent, new DateTimeOffset(2025, 3, 3, 9, 0, 4, TimeSpan.Zero)));
    }

    [Fact]
    public async Task Delayed_report_of_a_sent_mail_changes_nothing()
    {
        var message = await SendAsync("hans@example.dk");
        var sent = await _smtp.ReloadAsync(message);
        var report = DsnSamples.Parse(DsnSamples.PostfixDelayed(ReceivedMessageId(), "hans@example.dk"));

        var results = await Receipts.ApplyBounceAsync(report, _smtp.Time.GetUtcNow());

        var after = await _smtp.ReloadAsync(message);
        (results.Single(), after.Status, after.DeliveredAt, after.History.Count()).Should().Be((DeliveryReceiptResult.Unchanged, MessageStatus.Sent, (DateTimeOffset?)null, sent.History.Count()));
    }

    [Fact]
    public async Task Mail_that_is_not_a_bounce_applies_nothing()
    {
        await SendAsync("hans@example.dk");
        var reply = DsnSamples.Parse($"From: hans@example.dk\nTo: noreply@bibliotek.dk\nIn-Reply-To: <{ReceivedMessageId()}>\nSubject: Re: Velkommen\n\nTak!\n");

        var results = await Receipts.ApplyBounceAsync(reply, _smtp.Time.GetUtcNow());

        results.Should().BeEmpty();
    }

    /// <summary>Notifies a borrower and dispatches: the mail reaches the loopback server and the message is Sent.</summary>
    private async Task<Message> SendAsync(string email)
    {
        var message = await _smtp.NotifyAsync(email);
        await _smtp.Dispatcher.DispatchDueAsync();
        (await _smtp.ReloadAsync(message)).Status.Should().Be(MessageStatus.Sent);
        _smtp.Time.Advance(TimeSpan.FromHours(6)); // The bounce is read later, after every date the samples carry.
        return message;
    }

    /// <summary>The <c>Message-Id</c> of the mail the server received, as a bounce would return it.</summary>
    private string ReceivedMessageId() => _smtp.Server.Received.Should().ContainSingle().Subject.Message.MessageId!;
}
