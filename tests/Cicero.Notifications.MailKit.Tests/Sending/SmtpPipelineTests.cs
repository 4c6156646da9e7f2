using Cicero.Notifications.Domain;
using Cicero.Notifications.MailKit.Tests.Support;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications.MailKit.Tests.Sending;

/// <summary>The SMTP channel inside the real pipeline: notifier (outbox) → dispatcher → channel → recorded outcome.</summary>
public sealed class SmtpPipelineTests : IAsyncLifetime
{
    private SmtpHarness _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpHarness.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task Delivered_message_is_Sent_with_its_Message_Id_as_provider_id()
    {
        var message = await _smtp.NotifyAsync("hans@example.dk");

        await _smtp.Dispatcher.DispatchDueAsync();

        var sent = await _smtp.ReloadAsync(message);
        (sent.Status, sent.ProviderMessageId).Should().Be((MessageStatus.Sent, $"{message.Id}@cicero.notifications"));
    }

    [Fact]
    public async Task Refused_mailbox_makes_the_message_Failed_in_the_queue()
    {
        _smtp.Server.RecipientReplies["ukendt@example.dk"] = 550;
        var message = await _smtp.NotifyAsync("ukendt@example.dk");

        await _smtp.Dispatcher.DispatchDueAsync();

        var queue = await _smtp.Messages.ListQueueAsync(MessageQueueFilter.All, new PageRequest(10));
        queue.Items.Should().ContainSingle(m => m.Id == message.Id && m.Status == MessageStatus.Failed && m.LastFailure!.Reason == "SMTP 550: mailbox unavailable (recipient refused)");
    }

    [Fact]
    public async Task Greylisted_message_waits_for_the_backoff()
    {
        _smtp.Server.RecipientReplies["graa@example.dk"] = 451;
        var message = await _smtp.NotifyAsync("graa@example.dk");

        await _smtp.Dispatcher.DispatchDueAsync();

        var pending = await _smtp.ReloadAsync(message);
        (pending.Status, pending.AttemptCount, pending.NextAttemptAt).Should().Be((MessageStatus.Pending, 1, SmtpHarness.Start + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Greylisted_message_is_sent_on_the_retry_after_the_backoff()
    {
        _smtp.Server.RecipientReplies["graa@example.dk"] = 451;
        var message = await _smtp.NotifyAsync("graa@example.dk");
        await _smtp.Dispatcher.DispatchDueAsync();
        _smtp.Server.RecipientReplies.TryRemove("graa@example.dk", out _);
        _smtp.Time.Advance(TimeSpan.FromMinutes(2));

        await _smtp.Dispatcher.DispatchDueAsync();

        var sent = await _smtp.ReloadAsync(message);
        (sent.Status, _smtp.Server.Received.Count).Should().Be((MessageStatus.Sent, 1));
    }

    [Fact]
    public async Task Message_is_not_retried_before_the_backoff_has_passed()
    {
        _smtp.Server.RecipientReplies["graa@example.dk"] = 451;
        await _smtp.NotifyAsync("graa@example.dk");
        await _smtp.Dispatcher.DispatchDueAsync();
        _smtp.Server.RecipientReplies.TryRemove("graa@example.dk", out _);
        _smtp.Time.Advance(TimeSpan.FromSeconds(30));

        var result = await _smtp.Dispatcher.DispatchDueAsync();

        (result.Claimed, _smtp.Server.Received.Count).Should().Be((0, 0));
    }
}
