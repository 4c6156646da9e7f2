using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cicero.Notifications.MailKit.Tests.Support;

/// <summary>
/// A TCP listener on 127.0.0.1 and a free port that answers every connection with one fixed SMTP greeting (for example
/// "554 5.3.2 no service") and then waits for the client to hang up: a server that refuses the connection in SMTP.
/// </summary>
internal sealed class GreetingOnlyServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly byte[] _greeting;

    public GreetingOnlyServer(string greeting)
    {
        _greeting = Encoding.ASCII.GetBytes(greeting + "\r\n");
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await stream.WriteAsync(_greeting, _stop.Token);
                var buffer = new byte[512];
                while (await stream.ReadAsync(buffer, _stop.Token) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
