using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Cicero.Notifications.MailKit.Tests.Support;

/// <summary>A mail received by <see cref="FakeSmtpServer"/>: the envelope and the parsed MIME message.</summary>
internal sealed record ReceivedMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message);

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 and a free port, in-process. It records every message it
/// accepts and answers chosen recipients with a chosen reply code (550, 451 …), echoing the address in the reply text as
/// real servers do. Started with <c>authentication: true</c>, it requires AUTH (offered without TLS, on loopback) and
/// accepts only <see cref="Login"/>.
/// </summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _sessionsStarted;
    private int _sessionsEnded;
    private TaskCompletionSource _sessionEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeSmtpServer(TimeSpan? commandWaitTimeout, bool authentication, int port, TaskCompletionSource<int> started)
    {
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new RecordingStore(this));
        services.Add(new ReplyFilter(this));
        if (authentication)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) => Login is var (expectedUser, expectedPassword) && user == expectedUser && password == expectedPassword));
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).AllowUnsecureAuthentication(authentication).AuthenticationRequired(authentication));
        if (commandWaitTimeout is { } wait)
        {
            options.CommandWaitTimeout(wait);
        }

        _server = new SmtpServer.SmtpServer(options.Build(), services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessionsStarted);
        _server.SessionCompleted += (_, _) => OnSessionEnded();
        _server.SessionFaulted += (_, _) => OnSessionEnded();
        _server.SessionCancelled += (_, _) => OnSessionEnded();
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; private set; }

    /// <summary>Gets the messages accepted, in order of arrival.</summary>
    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>Gets the reply code per recipient address (ASCII form, case-insensitive); other recipients are accepted.</summary>
    public ConcurrentDictionary<string, int> RecipientReplies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the reply code to the envelope sender (MAIL FROM); <see langword="null"/> accepts it.</summary>
    public int? SenderReply { get; set; }

    /// <summary>Gets or sets the only user name and password accepted when the server requires authentication.</summary>
    public (string User, string Password)? Login { get; set; }

    /// <summary>Gets how many SMTP sessions (connections) were opened.</summary>
    public int SessionsStarted => Volatile.Read(ref _sessionsStarted);

    public static async Task<FakeSmtpServer> StartAsync(TimeSpan? commandWaitTimeout = null, bool authentication = false)
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new FakeSmtpServer(commandWaitTimeout, authentication, 0, started);
        server.Port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return server;
    }

    /// <summary>Completes when a session has ended since the last call (the server closed or lost a connection).</summary>
    public Task NextSessionEnd() => _sessionEnded.Task;

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private void OnSessionEnded()
    {
        Interlocked.Increment(ref _sessionsEnded);
        Interlocked.Exchange(ref _sessionEnded, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private sealed class RecordingStore(FakeSmtpServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            server.Received.Enqueue(new ReceivedMail(transaction.From.AsAddress(), transaction.To.Select(t => t.AsAddress()).ToList(), message));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class ReplyFilter(FakeSmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
        {
            if (server.SenderReply is { } code)
            {
                throw new SmtpResponseException(new SmtpServer.Protocol.SmtpResponse((SmtpReplyCode)code, $"<{from.AsAddress()}>: Sender address rejected"));
            }

            return Task.FromResult(true);
        }

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = to.AsAddress();
            if (server.RecipientReplies.TryGetValue(address, out var code))
            {
                // Real servers echo the address: the channel must never copy this text.
                throw new SmtpResponseException(new SmtpServer.Protocol.SmtpResponse((SmtpReplyCode)code, $"<{address}>: Recipient address rejected"));
            }

            return Task.FromResult(true);
        }
    }
}
