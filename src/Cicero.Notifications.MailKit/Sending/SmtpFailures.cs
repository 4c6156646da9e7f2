using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Cicero.Notifications.MailKit;

/// <summary>
/// Turns an exception of the SMTP channel into a <see cref="DeliveryResult"/> with a fixed text: the exception's message
/// is never copied (it can quote the server's reply, which can echo an address).
/// </summary>
/// <remarks>
/// A failure while connecting never concerns the message. When every message would fail the same way — credentials
/// refused, a refusal of the greeting, EHLO or STARTTLS, a failed TLS handshake, a server without the STARTTLS or AUTH the
/// settings require, a refused connection, an unknown host — the channel is unavailable and the protocol pauses. A
/// timeout or another network error may pass: transient.
/// </remarks>
internal static class SmtpFailures
{
    /// <summary>Connecting, securing or authenticating failed.</summary>
    public static DeliveryResult WhileConnecting(Exception exception) => exception switch
    {
        AuthenticationException => DeliveryResult.ChannelUnavailable("SMTP authentication failed: check the configured credentials."),
        SmtpCommandException command => DeliveryResult.ChannelUnavailable($"SMTP server refused the connection: {SmtpReplies.Reason(command)}"),
        SslHandshakeException => DeliveryResult.ChannelUnavailable("SMTP TLS handshake failed: check TlsMode, Port and the server's certificate."),
        NotSupportedException => DeliveryResult.ChannelUnavailable("SMTP server does not offer what the settings require (STARTTLS or authentication): check TlsMode and UserName."),
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => DeliveryResult.ChannelUnavailable("SMTP connection refused: check Host and Port."),
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => DeliveryResult.ChannelUnavailable("SMTP host not found: check Host."),
        TimeoutException or OperationCanceledException => DeliveryResult.TransientFailure("SMTP connect timed out."),
        _ => DeliveryResult.TransientFailure($"SMTP connection failed ({exception.GetType().Name})."),
    };

    /// <summary>Sending over an open connection failed other than by a refused command (see <see cref="SmtpReplies"/>).</summary>
    public static DeliveryResult WhileSending(Exception exception) => exception switch
    {
        // MailKit's answer to a "530 authentication required" reply, whichever command it came to.
        ServiceNotAuthenticatedException => DeliveryResult.ChannelUnavailable("SMTP 530: authentication required; check the configured credentials"),
        TimeoutException or OperationCanceledException => DeliveryResult.TransientFailure("SMTP send timed out."),

        // ServiceNotConnectedException, SmtpProtocolException, IOException, SocketException, …: the connection broke.
        ProtocolException => DeliveryResult.TransientFailure($"SMTP protocol error ({exception.GetType().Name})."),
        _ => DeliveryResult.TransientFailure($"SMTP connection failed ({exception.GetType().Name})."),
    };
}
