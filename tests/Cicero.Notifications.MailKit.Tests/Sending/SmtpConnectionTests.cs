using System.Net;
using System.Net.Sockets;
using Cicero.Notifications.MailKit.Tests.Support;

namespace Cicero.Notifications.MailKit.Tests.Sending;

public sealed class SmtpConnectionTests
{
    [Fact]
    public async Task Server_refusing_connections_makes_the_channel_unavailable()
    {
        await using var smtp = await SmtpHarness.StartAsync(o => o.Port = FreePort());

        var result = await smtp.Channel.SendAsync(smtp.Email("hans@example.dk"), CancellationToken.None);

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, "SMTP connection refused: check Host and Port."));
    }

    [Fact]
    public async Task Refused_credentials_make_the_channel_unavailable()
    {
        await using var smtp = await SmtpHarness.StartAsync(o => (o.UserName, o.Password) = ("notifikationer", "forkert"), serverRequiresAuthentication: true);
        smtp.Server.Login = ("notifikationer", "rigtig");

        var result = await smtp.Channel.SendAsync(smtp.Email("hans@example.dk"), CancellationToken.None);

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, "SMTP authentication failed: check the configured credentials."));
    }

    [Fact]
    public async Task Server_requiring_authentication_without_credentials_configured_makes_the_channel_unavailable()
    {
        await using var smtp = await SmtpHarness.StartAsync(serverRequiresAuthentication: true);

        var result = await smtp.Channel.SendAsync(smtp.Email("hans@example.dk"), CancellationToken.None);

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, "SMTP 530: authentication required; check the configured credentials"));
    }

    [Fact]
    public async Task Greeting_refused_by_the_server_makes_the_channel_unavailable()
    {
        await using var refusing = new GreetingOnlyServer("554 5.3.2 No SMTP service here");
        await using var smtp = await SmtpHarness.StartAsync(o => o.Port = refusing.Port);

        var result = await smtp.Channel.SendAsync(smtp.Email("hans@example.dk"), CancellationToken.None);

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, "SMTP server refused the connection: SMTP 554: transaction failed"));
    }

    [Fact]
    public async Task Tls_on_connect_to_a_plain_server_makes_the_channel_unavailable()
    {
        await using var smtp = await SmtpHarness.StartAsync(o => o.TlsMode = SmtpTlsMode.SslOnConnect);

        var result = await smtp.Channel.SendAsync(smtp.Email("hans@example.dk"), CancellationToken.None);

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, "SMTP TLS handshake failed: check TlsMode, Port and the server's certificate."));
    }

    [Fact]
    public async Task Required_STARTTLS_the_server_does_not_offer_makes_the_channel_unavailable()
    {
        await using var smtp = await SmtpHarness.StartAsync(o => o.TlsMode = SmtpTlsMode.StartTls);

        var result = await smtp.Channel.SendAsync(smtp.Email("hans@example.dk"), CancellationToken.None);

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, "SMTP server does not offer what the settings require (STARTTLS or authentication): check TlsMode and UserName."));
    }

    [Fact]
    public async Task Channel_unavailable_while_connecting_is_logged_without_the_password()
    {
        await using var smtp = await SmtpHarness.StartAsync(o => (o.UserName, o.Password) = ("notifikationer", "hemmelig-kode"), serverRequiresAuthentication: true);
        smtp.Server.Login = ("notifikationer", "rigtig");

        await smtp.Channel.SendAsync(smtp.Email("hans@example.dk"), CancellationToken.None);

        smtp.AllLogText().Should().Contain("SmtpAuthenticationFailed").And.NotContainAny("hemmelig-kode", "hans@");
    }

    [Fact]
    public async Task Connection_closed_by_the_server_while_idle_is_reopened()
    {
        await using var smtp = await SmtpHarness.StartAsync(serverCommandWaitTimeout: TimeSpan.FromMilliseconds(200));
        var closed = smtp.Server.NextSessionEnd();
        await smtp.Channel.SendAsync(smtp.Email("hans@example.dk"), CancellationToken.None);
        await closed.WaitAsync(TimeSpan.FromSeconds(30));
        smtp.Time.Advance(TimeSpan.FromSeconds(5));

        var result = await smtp.Channel.SendAsync(smtp.Email("grete@example.dk"), CancellationToken.None);

        (result.Outcome, smtp.Server.Received.Count).Should().Be((DeliveryOutcome.Delivered, 2));
    }

    [Fact]
    public async Task Two_hundred_concurrent_messages_arrive_once_each_over_the_pool()
    {
        await using var smtp = await SmtpHarness.StartAsync(o => o.PoolSize = 4);
        var messages = Enumerable.Range(0, 200).Select(i => smtp.Email($"laaner{i}@example.dk", subject: $"Besked {i}")).ToList();

        var results = await Task.WhenAll(messages.Select(m => Task.Run(() => smtp.Channel.SendAsync(m, CancellationToken.None))));

        results.Should().OnlyContain(r => r.Outcome == DeliveryOutcome.Delivered);
        smtp.Server.Received.Select(r => r.Message.MessageId).Should().BeEquivalentTo(messages.Select(m => $"{m.Id}@cicero.notifications"));
    }

    [Fact]
    public async Task Concurrent_messages_never_open_more_connections_than_the_pool_size()
    {
        await using var smtp = await SmtpHarness.StartAsync(o => o.PoolSize = 4);
        var messages = Enumerable.Range(0, 200).Select(i => smtp.Email($"laaner{i}@example.dk")).ToList();

        await Task.WhenAll(messages.Select(m => Task.Run(() => smtp.Channel.SendAsync(m, CancellationToken.None))));

        smtp.Server.SessionsStarted.Should().BeInRange(1, 4);
    }

    [Fact]
    public async Task Disposing_the_provider_closes_the_pooled_connections()
    {
        var smtp = await SmtpHarness.StartAsync();
        await smtp.Channel.SendAsync(smtp.Email("hans@example.dk"), CancellationToken.None);
        var closed = smtp.Server.NextSessionEnd();

        await smtp.Services.DisposeAsync();

        await closed.WaitAsync(TimeSpan.FromSeconds(30));
        closed.IsCompletedSuccessfully.Should().BeTrue();
        await smtp.Server.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
