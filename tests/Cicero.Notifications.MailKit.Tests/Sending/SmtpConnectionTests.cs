using System.Net;
using System.Net.Sockets;
using Cicero.Notifications.MailKit.Tests.Support;

namespace Cicero.Notifications.MailKit.Tests.Sending;

public sealed class SmtpConnectionTests
{
    [Fact]
    public async Task Server_down_is_a_transient_failure()
    {
        await using var smtp = await SmtpHarness.StartAsync(o => o.Port = FreePort());

        var result = await smtp.Channel.SendAsync(smtp.Email("hans@example.dk"), CancellationToken.None);

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.TransientFailure, "SMTP connection failed (SocketException)."));
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
