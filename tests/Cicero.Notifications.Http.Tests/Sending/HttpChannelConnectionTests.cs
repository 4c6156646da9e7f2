using System.Net;
using System.Net.Sockets;
using Cicero.Notifications.Http.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Http.Tests.Sending;

public sealed class HttpChannelConnectionTests
{
    private const string ClientName = HttpChannelOptions.HttpClientNamePrefix + "Sms";

    [Fact]
    public async Task Gateway_refusing_connections_makes_the_channel_unavailable()
    {
        await using var http = await HttpHarness.StartAsync(o => o.Url = new Uri($"http://127.0.0.1:{FreePort()}/v1/messages"));

        var result = await http.SendAsync(http.Sms());

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, "HTTP request failed (ConnectionError)."));
    }

    [Fact]
    public async Task Https_to_a_plain_HTTP_port_makes_the_channel_unavailable()
    {
        await using var http = await HttpHarness.StartAsync();
        var plain = http.Gateway.Url;
        await using var tls = await HttpHarness.StartAsync(o => o.Url = new UriBuilder(plain) { Scheme = "https" }.Uri);

        var result = await tls.SendAsync(tls.Sms());

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, "HTTP request failed (SecureConnectionError)."));
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError)]
    [InlineData(HttpRequestError.NameResolutionError)]
    [InlineData(HttpRequestError.SecureConnectionError)]
    [InlineData(HttpRequestError.ProxyTunnelError)]
    public async Task Service_that_cannot_be_reached_makes_the_channel_unavailable(HttpRequestError error)
    {
        await using var http = await HttpHarness.StartAsync(services: s => s.AddHttpClient(ClientName).AddHttpMessageHandler(() => new FailingHandler(error)));

        var result = await http.SendAsync(http.Sms());

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, $"HTTP request failed ({error})."));
    }

    [Theory]
    [InlineData(HttpRequestError.Unknown)]
    [InlineData(HttpRequestError.HttpProtocolError)]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.InvalidResponse)]
    [InlineData(HttpRequestError.VersionNegotiationError)]
    [InlineData(HttpRequestError.ConfigurationLimitExceeded)]
    public async Task Other_request_errors_are_transient(HttpRequestError error)
    {
        await using var http = await HttpHarness.StartAsync(services: s => s.AddHttpClient(ClientName).AddHttpMessageHandler(() => new FailingHandler(error)));

        var result = await http.SendAsync(http.Sms());

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.TransientFailure, $"HTTP request failed ({error})."));
    }

    [Fact]
    public async Task Gateway_slower_than_the_timeout_is_a_transient_failure()
    {
        await using var http = await HttpHarness.StartAsync(o => o.Timeout = TimeSpan.FromMilliseconds(500));
        http.Gateway.Respond = FakeGateway.Hang;

        var result = await http.SendAsync(http.Sms());

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.TransientFailure, "HTTP timeout: no response within 0.5 s."));
    }

    [Fact]
    public async Task Resilience_handler_added_by_the_host_to_every_client_is_removed()
    {
        await using var http = await HttpHarness.StartAsync(services: s => s.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.Zero)));
        http.Gateway.Respond = FakeGateway.Status(503);

        await http.SendAsync(http.Sms());

        http.Gateway.Requests.Should().ContainSingle("the dispatcher owns retries");
    }

    [Fact]
    public async Task Guarantee_can_be_configured_at_least_once()
    {
        await using var http = await HttpHarness.StartAsync(o => o.Guarantee = DeliveryGuarantee.AtLeastOnce);

        http.Channel.Guarantee.Should().Be(DeliveryGuarantee.AtLeastOnce);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Fails every request the way <see cref="SocketsHttpHandler"/> does for <paramref name="error"/>.</summary>
    private sealed class FailingHandler(HttpRequestError error) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromException<HttpResponseMessage>(new HttpRequestException(error, "The request failed."));
    }
}
