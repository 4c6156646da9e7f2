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
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Timeout_rate_limit_and_server_errors_are_transient_naming_the_status(int status)
    {
        _http.Gateway.Respond = FakeGateway.Status(status);

        var result = await _http.SendAsync(_http.Sms());

        (result.Outcome, result.Reason).Should().Match<(DeliveryOutcome Outcome, string? Reason)>(r => r.Outcome == DeliveryOutcome.TransientFailure && r.Reason!.StartsWith($"HTTP {status}:"));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Other_client_errors_are_permanent_naming_the_status(int status)
    {
        _http.Gateway.Respond = FakeGateway.Status(status);

        var result = await _http.SendAsync(_http.Sms());

        (result.Outcome, result.Reason).Should().Match<(DeliveryOutcome Outcome, string? Reason)>(r => r.Outcome == DeliveryOutcome.PermanentFailure && r.Reason!.StartsWith($"HTTP {status}:"));
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

        (result.Outcome, _http.Gateway.Requests.Count).Should().Be((DeliveryOutcome.PermanentFailure, 1));
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
