using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.MailKit;

/// <summary>
/// A small bounded pool of connected (and authenticated) <see cref="SmtpClient"/>s. An <see cref="SmtpClient"/> is not
/// thread-safe: each one is rented by one sender at a time. At most <see cref="SmtpEmailOptions.PoolSize"/> connections
/// exist at once; a connection that failed, or sat idle too long, is closed instead of reused. Thread-safe.
/// </summary>
internal sealed class SmtpConnectionPool : IAsyncDisposable
{
    /// <summary>How long a connection may sit idle before it is probed with <c>NOOP</c> on reuse.</summary>
    internal static readonly TimeSpan ProbeAfter = TimeSpan.FromSeconds(1);

    private readonly SmtpEmailOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<Connection> _idle = [];
    private int _disposed;
    private int _opened;

    public SmtpConnectionPool(SmtpEmailOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(options.PoolSize, options.PoolSize);
    }

    /// <summary>Gets how many connections the pool has opened so far (for tests and diagnostics).</summary>
    public int ConnectionsOpened => Volatile.Read(ref _opened);

    /// <summary>
    /// Waits for a free slot and returns a connected client: an idle pooled one when it is still fresh, else a new one.
    /// Return it with <see cref="Return"/> exactly once.
    /// </summary>
    /// <exception cref="TimeoutException">Connecting took longer than <see cref="SmtpEmailOptions.ConnectTimeout"/>.</exception>
    public async Task<Connection> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_idle.TryTake(out var idle))
            {
                bool fresh;
                try
                {
                    fresh = await IsFreshAsync(idle, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    idle.Client.Dispose();
                    throw;
                }

                if (fresh)
                {
                    return idle;
                }

                idle.Client.Dispose();
            }

            return new Connection(await ConnectAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Gives a rented connection back: kept for reuse when <paramref name="reusable"/> and still connected, else closed.</summary>
    public void Return(Connection connection, bool reusable)
    {
        if (reusable && connection.Client.IsConnected && Volatile.Read(ref _disposed) == 0)
        {
            connection.LastUsed = _time.GetTimestamp();
            _idle.Add(connection);
        }
        else
        {
            if (reusable)
            {
                SmtpLog.ConnectionDiscarded(_logger, "closed by the server");
            }

            // A failed or interrupted connection is in an unknown state: drop it without a QUIT.
            connection.Client.Dispose();
        }

        _slots.Release();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        while (_idle.TryTake(out var idle))
        {
            await QuitAsync(idle.Client).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A connection idle for more than <see cref="ProbeAfter"/> is probed with <c>NOOP</c> first: servers close idle
    /// connections without the client noticing, and a message must not fail just because its connection went stale.
    /// </summary>
    private async Task<bool> IsFreshAsync(Connection connection, CancellationToken cancellationToken)
    {
        var idle = _time.GetElapsedTime(connection.LastUsed);
        if (!connection.Client.IsConnected || idle >= _options.IdleTimeout)
        {
            SmtpLog.ConnectionDiscarded(_logger, connection.Client.IsConnected ? "idle too long" : "closed by the server");
            return false;
        }

        if (idle < ProbeAfter)
        {
            return true;
        }

        try
        {
            await connection.Client.NoOpAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SmtpLog.ConnectionDiscarded(_logger, "closed by the server");
            return false;
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)_options.CommandTimeout.TotalMilliseconds };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, ToSecureSocketOptions(_options.TlsMode), timeout.Token).ConfigureAwait(false);
            // Without SMTPUTF8 MailKit writes IDN domains in punycode (envelope and headers), which every server
            // understands; with it, MailKit would send the Unicode form. Capabilities can only be switched off.
            client.Capabilities &= ~SmtpCapabilities.UTF8;
            if (!string.IsNullOrEmpty(_options.UserName))
            {
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? string.Empty, timeout.Token).ConfigureAwait(false);
            }

            Interlocked.Increment(ref _opened);
            SmtpLog.Connected(_logger, _options.Host, _options.Port, _options.TlsMode);
            return client;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new TimeoutException("Connecting to the SMTP server took longer than the connect timeout.");
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private static SecureSocketOptions ToSecureSocketOptions(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpTlsMode.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>A pooled client and when it was last used.</summary>
    internal sealed class Connection(SmtpClient client)
    {
        public SmtpClient Client { get; } = client;

        public long LastUsed { get; set; }
    }
}
