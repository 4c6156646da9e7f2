using System.Net;
using System.Net.Sockets;
using Cicero.Notifications.Http.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Http.Tests.Sending;

public sealed class HttpChannelConnectionTests
{
    [Fact]
    public async Task Gateway_down_is_a_transient_failure()
    {
        await using var http = await HttpHarness.StartAsync(o => o.Url = new Uri($"http://127.0.0.1:{FreePort()}/v1/messages"));

        var result = await http.SendAsync(http.Sms());

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.TransientFailure, "HTTP request failed (ConnectionError)."));
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
}
