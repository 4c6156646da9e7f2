using Cicero.Notifications.Domain;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.MailKit;

/// <summary>
/// Sends e-mail messages over SMTP with MailKit, through a bounded pool of connections. Registered for
/// <see cref="Protocol.Email"/> by <c>AddSmtpEmail</c>. Thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Guarantee"/> is <see cref="DeliveryGuarantee.AtLeastOnce"/>: when the process dies between the server's
/// "250 OK" and the outcome being recorded, the message is sent again. A duplicate e-mail is a nuisance, not harm (unlike a
/// duplicate SMS it costs nothing), and it carries the same <c>Message-Id</c>, so mail clients and servers recognise it as
/// the same message; losing a reservation notice is worse.
/// </para>
/// <para>
/// Outcomes: a 5xx reply (for example 550 for an unknown mailbox) is a permanent failure, a 4xx reply, a network error or a
/// timeout a transient one. Reasons carry the status code and a fixed text, never the address or the server's reply text.
/// </para>
/// </remarks>
internal sealed class SmtpEmailChannel : INotificationChannel, IAsyncDisposable, IDisposable
{
    private readonly SmtpConnectionPool _pool;
    private readonly MimeMessageFactory _mime;
    private readonly string _host;
    private readonly ILogger _logger;

    public SmtpEmailChannel(IOptions<SmtpEmailOptions> options, TimeProvider time, ILogger<SmtpEmailChannel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var value = options.Value;
        _logger = logger ?? NullLogger<SmtpEmailChannel>.Instance;
        _host = value.Host;
        _pool = new SmtpConnectionPool(value, time, _logger);
        _mime = new MimeMessageFactory(value, time);
    }

    /// <inheritdoc/>
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    /// <summary>Gets the connection pool (for tests).</summary>
    internal SmtpConnectionPool Pool => _pool;

    /// <inheritdoc/>
    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Recipient is not { Kind: RecipientKind.Email } recipient || !EmailAddress.TryParse(recipient.Value, out var address))
        {
            SmtpLog.NoRecipient(_logger, message.Id);
            return DeliveryResult.PermanentFailure("The message has no valid e-mail recipient.");
        }

        using var mime = _mime.Create(message, address);
        SmtpConnectionPool.Connection connection;
        try
        {
            connection = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Connecting or authenticating failed: a problem of the server or the set-up, never of this message.
            return ConnectFailed(message.Id, ex);
        }

        var reusable = false;
        try
        {
            await connection.Client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
            reusable = true;
            SmtpLog.MessageAccepted(_logger, message.Id);
            return DeliveryResult.Delivered(_mime.MessageIdOf(message.Id));
        }
        catch (SmtpCommandException ex)
        {
            // MailKit resets the transaction after a refused command: the connection stays usable while it is open.
            reusable = true;
            var name = ex.ErrorCode.ToString();
            if (SmtpReplies.IsPermanent(ex))
            {
                SmtpLog.MessageRejected(_logger, message.Id, (int)ex.StatusCode, name);
            }
            else
            {
                SmtpLog.MessageDeferred(_logger, message.Id, (int)ex.StatusCode, name);
            }

            return SmtpReplies.ToResult(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return SendFailed(message.Id, ex);
        }
        finally
        {
            _pool.Return(connection, reusable);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    /// <inheritdoc/>
    public void Dispose() => _pool.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private DeliveryResult ConnectFailed(MessageId id, Exception exception)
    {
        switch (exception)
        {
            case AuthenticationException:
                SmtpLog.AuthenticationFailed(_logger, _host);
                return DeliveryResult.TransientFailure("SMTP authentication failed: check the configured credentials.");
            case SmtpCommandException command:
                // A refusal while connecting (greeting, EHLO, STARTTLS) concerns every message: retry, whatever the code.
                SmtpLog.MessageDeferred(_logger, id, (int)command.StatusCode, command.ErrorCode.ToString());
                return DeliveryResult.TransientFailure($"SMTP server refused the connection: {SmtpReplies.Reason(command)}");
            case TimeoutException or OperationCanceledException:
                SmtpLog.Timeout(_logger, id, "connect");
                return DeliveryResult.TransientFailure("SMTP connect timed out.");
            default:
                SmtpLog.ConnectionFailed(_logger, id, exception.GetType().Name);
                return DeliveryResult.TransientFailure($"SMTP connection failed ({exception.GetType().Name}).");
        }
    }

    private DeliveryResult SendFailed(MessageId id, Exception exception)
    {
        if (exception is TimeoutException or OperationCanceledException)
        {
            SmtpLog.Timeout(_logger, id, "send");
            return DeliveryResult.TransientFailure("SMTP send timed out.");
        }

        // ServiceNotConnectedException, SmtpProtocolException, IOException, SocketException, …: the connection broke.
        SmtpLog.ConnectionFailed(_logger, id, exception.GetType().Name);
        var kind = exception is ProtocolException ? "protocol error" : "connection failed";
        return DeliveryResult.TransientFailure($"SMTP {kind} ({exception.GetType().Name}).");
    }
}
