using Cicero.Notifications.Domain;
using Cicero.Notifications.Http.Tests.Support;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications.Http.Tests.Sending;

/// <summary>The HTTP channel inside the real pipeline: notifier (outbox) → dispatcher → channel → recorded outcome.</summary>
public sealed class HttpPipelineTests : IAsyncLifetime
{
    private HttpHarness _http = null!;

    public async Task InitializeAsync() => _http = await HttpHarness.StartAsync();

    public async Task DisposeAsync() => await _http.DisposeAsync();

    [Fact]
    public async Task Provider_id_is_stored_on_the_sent_message()
    {
        var message = await _http.NotifyAsync();

        await _http.Dispatcher.DispatchDueAsync();

        var sent = await _http.ReloadAsync(message);
        (sent.Status, sent.ProviderMessageId).Should().Be((MessageStatus.Sent, "gw-1"));
    }

    [Fact]
    public async Task Refused_number_makes_the_message_Failed_in_the_queue()
    {
        _http.Gateway.Respond = FakeGateway.Status(400);
        var message = await _http.NotifyAsync();

        await _http.Dispatcher.DispatchDueAsync();

        var queue = await _http.Messages.ListQueueAsync(MessageQueueFilter.All, new PageRequest(10));
        queue.Items.Should().ContainSingle(m => m.Id == message.Id && m.Status == MessageStatus.Failed && m.LastFailure!.Reason == "HTTP 400: bad request");
    }

    [Fact]
    public async Task Rate_limited_message_waits_as_long_as_the_gateway_asked()
    {
        _http.Gateway.Respond = FakeGateway.Status(429, r => r.Headers.RetryAfter = "300");
        var message = await _http.NotifyAsync();

        await _http.Dispatcher.DispatchDueAsync();

        var pending = await _http.ReloadAsync(message);
        (pending.Status, pending.NextAttemptAt).Should().Be((MessageStatus.Pending, HttpHarness.Start + TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Rate_limited_message_is_sent_after_the_wait()
    {
        _http.Gateway.Respond = (context, number) => number == 1 ? FakeGateway.Status(429, r => r.Headers.RetryAfter = "300")(context, number) : FakeGateway.Accept(context, number);
        var message = await _http.NotifyAsync();
        await _http.Dispatcher.DispatchDueAsync();
        _http.Time.Advance(TimeSpan.FromMinutes(5));

        await _http.Dispatcher.DispatchDueAsync();

        var sent = await _http.ReloadAsync(message);
        (sent.Status, sent.ProviderMessageId).Should().Be((MessageStatus.Sent, "gw-2"));
    }
}
