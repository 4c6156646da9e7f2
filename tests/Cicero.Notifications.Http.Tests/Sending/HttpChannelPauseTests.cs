using Cicero.Notifications.Domain;
using Cicero.Notifications.Http.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Cicero.Notifications.Http.Tests.Sending;

/// <summary>
/// A broken gateway pauses the SMS protocol instead of failing every message: the real HTTP channel and the real
/// dispatcher (<c>AddCiceroNotifications</c>, <c>AddHttpChannel</c>) on a fake clock, against a gateway that refuses the API
/// key until it is fixed.
/// </summary>
public sealed class HttpChannelPauseTests : IAsyncLifetime
{
    private HttpHarness _http = null!;

    private volatile bool _keyFixed;

    public async Task InitializeAsync()
    {
        _http = await HttpHarness.StartAsync();
        _http.Gateway.Respond = (context, number) => _keyFixed ? FakeGateway.Accept(context, number) : FakeGateway.Status(StatusCodes.Status401Unauthorized)(context, number);
    }

    public async Task DisposeAsync() => await _http.DisposeAsync();

    [Fact]
    public async Task Rejected_API_key_pauses_the_messages_without_spending_attempts()
    {
        var created = await NotifyAsync(3);

        var dispatched = await _http.Dispatcher.DispatchDueAsync();

        dispatched.Should().Be(new DispatchResult(Claimed: 3, Delivered: 0, Retrying: 0, Failed: 0, Paused: 3));
        var stored = await Task.WhenAll(created.Select(_http.ReloadAsync));
        stored.Should().OnlyContain(m => m.Status == MessageStatus.Pending && m.AttemptCount == 0);
    }

    [Fact]
    public async Task Paused_protocol_sends_nothing_before_the_pause_is_over()
    {
        await NotifyAsync(3);
        await _http.Dispatcher.DispatchDueAsync();
        var refused = _http.Gateway.Requests.Count;
        _keyFixed = true;
        _http.Time.Advance(TimeSpan.FromSeconds(29));

        var duringThePause = await _http.Dispatcher.DispatchDueAsync();

        (duringThePause.Claimed, _http.Gateway.Requests.Count).Should().Be((0, refused));
    }

    [Fact]
    public async Task Paused_messages_are_all_sent_after_the_pause_once_the_key_is_fixed()
    {
        var created = await NotifyAsync(3);
        await _http.Dispatcher.DispatchDueAsync();
        var refused = _http.Gateway.Requests.Count;
        _keyFixed = true;
        _http.Time.Advance(HttpHarness.BreakDuration);

        // The first message goes out as a probe; messages of its batch that came up while it was in flight (the dispatcher
        // sends in parallel) wait for the next round, as background processing runs it.
        var probeRound = await _http.Dispatcher.DispatchDueAsync();
        var nextRound = await _http.Dispatcher.DispatchDueAsync();

        (probeRound.Delivered + nextRound.Delivered, probeRound.Failed + nextRound.Failed).Should().Be((3, 0));
        var stored = await Task.WhenAll(created.Select(_http.ReloadAsync));
        stored.Should().OnlyContain(m => m.Status == MessageStatus.Sent && m.AttemptCount == 1, "the refusals spent no attempt");
        (_http.Gateway.Requests.Count - refused).Should().Be(3, "after the fix each message is sent once");
    }

    [Fact]
    public async Task Channel_unavailable_is_logged_without_the_API_key_or_the_number()
    {
        await NotifyAsync(1);

        await _http.Dispatcher.DispatchDueAsync();

        _http.AllLogText().Should().Contain("HttpChannelUnavailable").And.Contain("CircuitOpened").And.NotContainAny(HttpHarness.ApiKey, "2012345");
    }

    private async Task<IReadOnlyList<Message>> NotifyAsync(int count)
    {
        var created = new List<Message>();
        for (var i = 1; i <= count; i++)
        {
            created.Add(await _http.NotifyAsync($"+45201234{i:00}", $"B-{i}"));
        }

        return created;
    }
}
