using Cicero.Notifications.Domain;
using Cicero.Notifications.MailKit.Tests.Support;

namespace Cicero.Notifications.MailKit.Tests.Sending;

/// <summary>
/// An SMTP server that refuses the configured credentials pauses e-mail instead of failing every message: the real SMTP
/// channel and the real dispatcher (<c>AddCiceroNotifications</c>, <c>AddSmtpEmail</c>) on a fake clock, against a real SMTP
/// server whose account is fixed later.
/// </summary>
public sealed class SmtpChannelPauseTests : IAsyncLifetime
{
    private static readonly TimeSpan BreakDuration = new CircuitOptions().BreakDuration;

    private SmtpHarness _smtp = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpHarness.StartAsync(o => (o.UserName, o.Password) = ("notifikationer", "konfigureret"), serverRequiresAuthentication: true);
        _smtp.Server.Login = ("notifikationer", "udloebet-og-skiftet");
    }

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task Refused_credentials_pause_the_messages_without_spending_attempts()
    {
        var created = await NotifyAsync(3);

        var dispatched = await _smtp.Dispatcher.DispatchDueAsync();

        dispatched.Should().Be(new DispatchResult(Claimed: 3, Delivered: 0, Retrying: 0, Failed: 0, Paused: 3));
        var stored = await Task.WhenAll(created.Select(_smtp.ReloadAsync));
        stored.Should().OnlyContain(m => m.Status == MessageStatus.Pending && m.AttemptCount == 0);
    }

    [Fact]
    public async Task Paused_protocol_opens_no_connection_before_the_pause_is_over()
    {
        await NotifyAsync(3);
        await _smtp.Dispatcher.DispatchDueAsync();
        var sessions = _smtp.Server.SessionsStarted;
        FixTheAccount();
        _smtp.Time.Advance(BreakDuration - TimeSpan.FromSeconds(1));

        var duringThePause = await _smtp.Dispatcher.DispatchDueAsync();

        (duringThePause.Claimed, _smtp.Server.SessionsStarted).Should().Be((0, sessions));
    }

    [Fact]
    public async Task Paused_messages_are_all_sent_after_the_pause_once_the_credentials_work()
    {
        var created = await NotifyAsync(3);
        await _smtp.Dispatcher.DispatchDueAsync();
        FixTheAccount();
        _smtp.Time.Advance(BreakDuration);

        // The first message goes out as a probe; messages of its batch that came up while it was in flight (the dispatcher
        // sends in parallel) wait for the next round, as background processing runs it.
        var probeRound = await _smtp.Dispatcher.DispatchDueAsync();
        var nextRound = await _smtp.Dispatcher.DispatchDueAsync();

        (probeRound.Delivered + nextRound.Delivered, probeRound.Failed + nextRound.Failed).Should().Be((3, 0));
        var stored = await Task.WhenAll(created.Select(_smtp.ReloadAsync));
        stored.Should().OnlyContain(m => m.Status == MessageStatus.Sent && m.AttemptCount == 1, "the refusals spent no attempt");
        _smtp.Server.Received.Should().HaveCount(3, "each message arrives once");
    }

    private void FixTheAccount() => _smtp.Server.Login = ("notifikationer", "konfigureret");

    private async Task<IReadOnlyList<Message>> NotifyAsync(int count)
    {
        var created = new List<Message>();
        for (var i = 1; i <= count; i++)
        {
            created.Add(await _smtp.NotifyAsync($"laaner{i}@example.dk", $"B-{i}"));
        }

        return created;
    }
}
