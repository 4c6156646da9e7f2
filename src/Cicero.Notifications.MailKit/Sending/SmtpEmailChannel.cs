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
/// Outcomes: a 5xx reply to a message (for example 550 for an unknown mailbox) is a permanent failure; a 4xx reply, a broken
/// connection or a timeout a transient one. What every message would get alike — refused credentials, an authentication
/// reply, a refused sender, a refused connection, an unknown host, a failed TLS handshake — means the channel is
/// unavailable: the message waits without spending an attempt and e-mail pauses (see <see cref="SmtpFailures"/> and
/// <see cref="SmtpReplies"/>). Reasons carry the status code and a fixed text, never the address or the server's reply
/// text.
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
            var result = SmtpReplies.ToResult(ex);
            switch (result.Outcome)
            {
                case DeliveryOutcome.PermanentFailure:
                    SmtpLog.MessageRejected(_logger, message.Id, (int)ex.StatusCode, ex.ErrorCode.ToString());
                    break;
                case DeliveryOutcome.ChannelUnavailable:
                    SmtpLog.ChannelUnavailable(_logger, message.Id, _host, result.Reason!);
                    break;
                default:
                    SmtpLog.MessageDeferred(_logger, message.Id, (int)ex.StatusCode, ex.ErrorCode.ToString());
                    break;
            }

            return result;
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
        var result = SmtpFailures.WhileConnecting(exception);
        switch (exception)
        {
            case AuthenticationException:
                SmtpLog.AuthenticationFailed(_logger, _host);
                break;
            case TimeoutException or OperationCanceledException:
                SmtpLog.Timeout(_logger, id, "connect");
                break;
            default:
                if (result.Outcome == DeliveryOutcome.ChannelUnavailable)
                {
                    SmtpLog.ChannelUnavailable(_logger, id, _host, result.Reason!);
                }
                else
                {
                    SmtpLog.ConnectionFailed(_logger, id, exception.GetType().Name);
                }

                break;
        }

        return result;
    }

    private DeliveryResult SendFailed(MessageId id, Exception exception)
    {
        var result = SmtpFailures.WhileSending(exception);
        if (result.Outcome == DeliveryOutcome.ChannelUnavailable)
        {
            SmtpLog.ChannelUnavailable(_logger, id, _host, result.Reason!);
        }
        else if (exception is TimeoutException or OperationCanceledException)
        {
            SmtpLog.Timeout(_logger, id, "send");
        }
        else
        {
            SmtpLog.ConnectionFailed(_logger, id, exception.GetType().Name);
        }

        return result;
    }
}
