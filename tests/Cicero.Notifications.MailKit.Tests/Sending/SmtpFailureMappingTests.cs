using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Cicero.Notifications.MailKit.Tests.Sending;

/// <summary>
/// What the channel reports for each exception while connecting and while sending, including those a test server cannot
/// produce on demand (an unknown host, a connect timeout); the real-server tests cover the rest end to end.
/// </summary>
public sealed class SmtpFailureMappingTests
{
    public static TheoryData<Exception, string> ChannelsFailuresWhileConnecting => new()
    {
        { new AuthenticationException("535 5.7.8 bad credentials for noreply@bibliotek.dk"), "SMTP authentication failed: check the configured credentials." },
        { new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.TransactionFailed, "no service"), "SMTP server refused the connection: SMTP 554: transaction failed" },
        { new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.ServiceNotAvailable, "try later"), "SMTP server refused the connection: SMTP 421: service not available" },
        { new SslHandshakeException("handshake failed"), "SMTP TLS handshake failed: check TlsMode, Port and the server's certificate." },
        { new NotSupportedException("The SMTP server does not support the STARTTLS extension."), "SMTP server does not offer what the settings require (STARTTLS or authentication): check TlsMode and UserName." },
        { new SocketException((int)SocketError.ConnectionRefused), "SMTP connection refused: check Host and Port." },
        { new SocketException((int)SocketError.HostNotFound), "SMTP host not found: check Host." },
        { new SocketException((int)SocketError.NoData), "SMTP host not found: check Host." },
    };

    public static TheoryData<Exception, string> TransientFailuresWhileConnecting => new()
    {
        { new TimeoutException("Connecting took longer than the connect timeout."), "SMTP connect timed out." },
        { new OperationCanceledException(), "SMTP connect timed out." },
        { new SocketException((int)SocketError.TimedOut), "SMTP connection failed (SocketException)." },
        { new SocketException((int)SocketError.NetworkUnreachable), "SMTP connection failed (SocketException)." },
        { new IOException("connection reset"), "SMTP connection failed (IOException)." },
        { new SmtpProtocolException("unexpected reply"), "SMTP connection failed (SmtpProtocolException)." },
    };

    public static TheoryData<Exception, DeliveryOutcome, string> FailuresWhileSending => new()
    {
        { new ServiceNotAuthenticatedException("530 5.7.0 Authentication required"), DeliveryOutcome.ChannelUnavailable, "SMTP 530: authentication required; check the configured credentials" },
        { new TimeoutException(), DeliveryOutcome.TransientFailure, "SMTP send timed out." },
        { new ServiceNotConnectedException(), DeliveryOutcome.TransientFailure, "SMTP connection failed (ServiceNotConnectedException)." },
        { new IOException("connection reset"), DeliveryOutcome.TransientFailure, "SMTP connection failed (IOException)." },
        { new SmtpProtocolException("unexpected reply"), DeliveryOutcome.TransientFailure, "SMTP protocol error (SmtpProtocolException)." },
    };

    [Theory]
    [MemberData(nameof(ChannelsFailuresWhileConnecting))]
    public void Failure_every_message_would_meet_while_connecting_makes_the_channel_unavailable(Exception exception, string reason)
    {
        var result = SmtpFailures.WhileConnecting(exception);

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.ChannelUnavailable, reason));
    }

    [Theory]
    [MemberData(nameof(TransientFailuresWhileConnecting))]
    public void Timeout_or_other_network_error_while_connecting_is_transient(Exception exception, string reason)
    {
        var result = SmtpFailures.WhileConnecting(exception);

        (result.Outcome, result.Reason).Should().Be((DeliveryOutcome.TransientFailure, reason));
    }

    [Theory]
    [MemberData(nameof(FailuresWhileSending))]
    public void Failure_while_sending_is_mapped_by_whose_it_is(Exception exception, DeliveryOutcome outcome, string reason)
    {
        var result = SmtpFailures.WhileSending(exception);

        (result.Outcome, result.Reason).Should().Be((outcome, reason));
    }
}
