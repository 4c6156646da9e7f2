using Cicero.Notifications.Http.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Cicero.Notifications.Http.Tests.Sending;

public sealed class HttpChannelStatusTests : IAsyncLifetime
{
    private HttpHarness _http = null!;

    public async Task InitializeAsync() => _http = await HttpHarness.StartAsync();

    public async Task DisposeAsync() => await _http.DisposeAsync();

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(204)]
    public async Task Success_status_is_delivered(int status)
    {
        _http.Gateway.Respond = FakeGateway.Status(status);

        var result = await _http.SendAsync(_http.Sms());

        result.Outcome.Should().Be(DeliveryOutcome.Delivered);
    }

    [Theory]
    [InlineData(408, "HTTP 408: request timeout")]
    [InlineData(500, "HTTP 500: internal server error")]
    [InlineData(502, "HTTP 502: bad gateway")]
    [InlineData(503, "HTTP 503: service unavailable")]
    [InlineData(504, "HTTP 504: gateway timeout")]
    [InlineData(507, "HTTP 507: server error")]
    public async Task Request_timeout_and_server_errors_are_transient(int status, string reason)
    {
        _http.Gateway.Respond = FakeGateway.Status(status);

        var result = await _http.SendAsync(_http.Sms());

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.TransientFailure, reason));
    }

    [Theory]
    [InlineData(301, "HTTP 301: redirect not followed; check the URL")]
    [InlineData(302, "HTTP 302: redirect not followed; check the URL")]
    [InlineData(307, "HTTP 307: redirect not followed; check the URL")]
    [InlineData(308, "HTTP 308: redirect not followed; check the URL")]
    [InlineData(401, "HTTP 401: unauthorized; check the API key")]
    [InlineData(403, "HTTP 403: forbidden; check the API key and account")]
    [InlineData(404, "HTTP 404: not found; check the URL")]
    [InlineData(407, "HTTP 407: proxy authentication required; check the proxy settings")]
    [InlineData(415, "HTTP 415: unsupported media type; check ContentType")]
    [InlineData(429, "HTTP 429: too many requests")]
    public async Task Status_every_message_would_get_makes_the_channel_unavailable(int status, string reason)
    {
        _http.Gateway.Respond = FakeGateway.Status(status);

        var result = await _http.SendAsync(_http.Sms());

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, reason));
    }

    [Theory]
    [InlineData(400, "HTTP 400: bad request")]
    [InlineData(409, "HTTP 409: conflict")]
    [InlineData(410, "HTTP 410: refused by the service")]
    [InlineData(413, "HTTP 413: request too large")]
    [InlineData(422, "HTTP 422: unprocessable request")]
    public async Task Other_client_errors_are_permanent(int status, string reason)
    {
        _http.Gateway.Respond = FakeGateway.Status(status);

        var result = await _http.SendAsync(_http.Sms());

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.PermanentFailure, reason));
    }

    [Fact]
    public async Task Throttled_account_pauses_for_as_long_as_Retry_After_asks()
    {
        _http.Gateway.Respond = FakeGateway.Status(429, r => r.Headers.RetryAfter = "600");

        var result = await _http.SendAsync(_http.Sms());

        (result.Outcome, result.RetryAfter).Should().Be((DeliveryOutcome.ChannelUnavailable, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task Retry_After_in_seconds_is_honoured()
    {
        _http.Gateway.Respond = FakeGateway.Status(429, r => r.Headers.RetryAfter = "120");

        var result = await _http.SendAsync(_http.Sms());

        result.RetryAfter.Should().Be(TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_is_measured_from_the_clock()
    {
        var later = HttpHarness.Start.AddMinutes(10).ToString("R");
        _http.Gateway.Respond = FakeGateway.Status(503, r => r.Headers.RetryAfter = later);

        var result = await _http.SendAsync(_http.Sms());

        result.RetryAfter.Should().Be(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Redirect_is_not_followed()
    {
        _http.Gateway.Respond = FakeGateway.Status(302, r => r.Headers.Location = "/elsewhere");

        var result = await _http.SendAsync(_http.Sms());

        (result.Outcome, _http.Gateway.Requests.Count).Should().Be((DeliveryOutcome.ChannelUnavailable, 1));
    }

    [Fact]
    public async Task Server_error_is_sent_once_without_a_hidden_retry()
    {
        _http.Gateway.Respond = FakeGateway.Status(503);

        await _http.SendAsync(_http.Sms());

        _http.Gateway.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Provider_id_is_read_from_the_configured_path()
    {
        var result = await _http.SendAsync(_http.Sms());

        result.ProviderMessageId.Should().Be("gw-1");
    }

    [Fact]
    public async Task Success_without_the_provider_id_is_still_delivered()
    {
        _http.Gateway.Respond = (context, _) => context.Response.WriteAsync("OK, queued");

        var result = await _http.SendAsync(_http.Sms());

        (result.Outcome, result.ProviderMessageId).Should().Be((DeliveryOutcome.Delivered, null));
    }

    [Fact]
    public void Channel_is_at_most_once_by_default()
    {
        _http.Channel.Guarantee.Should().Be(DeliveryGuarantee.AtMostOnce);
    }

    [Fact]
    public async Task Cancelled_send_throws_OperationCanceledException()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => _http.Channel.SendAsync(_http.Sms(), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
