using Cicero.Notifications.Domain;
using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.MailKit;

/// <summary>
/// Every log message of the SMTP channel (event ids 300–349, stable). Parameters are message ids, SMTP codes, exception
/// type names and the configured server: never addresses, subjects, bodies or server reply texts (which can echo an address).
/// </summary>
internal static partial class SmtpLog
{
    [LoggerMessage(EventId = 300, EventName = "SmtpMessageAccepted", Level = LogLevel.Debug,
        Message = "Message {MessageId} was accepted by the SMTP server")]
    public static partial void MessageAccepted(ILogger logger, MessageId messageId);

    [LoggerMessage(EventId = 301, EventName = "SmtpMessageRejected", Level = LogLevel.Warning,
        Message = "Message {MessageId} was refused by the SMTP server for good: {StatusCode} ({ErrorCode})")]
    public static partial void MessageRejected(ILogger logger, MessageId messageId, int statusCode, string errorCode);

    [LoggerMessage(EventId = 302, EventName = "SmtpMessageDeferred", Level = LogLevel.Warning,
        Message = "Message {MessageId} was refused by the SMTP server for now: {StatusCode} ({ErrorCode})")]
    public static partial void MessageDeferred(ILogger logger, MessageId messageId, int statusCode, string errorCode);

    [LoggerMessage(EventId = 303, EventName = "SmtpConnectionFailed", Level = LogLevel.Warning,
        Message = "Message {MessageId} could not be sent: the connection to the SMTP server failed with {ExceptionType}")]
    public static partial void ConnectionFailed(ILogger logger, MessageId messageId, string exceptionType);

    [LoggerMessage(EventId = 304, EventName = "SmtpConnected", Level = LogLevel.Debug,
        Message = "Connected to SMTP server {Host}:{Port} ({TlsMode})")]
    public static partial void Connected(ILogger logger, string host, int port, SmtpTlsMode tlsMode);

    [LoggerMessage(EventId = 305, EventName = "SmtpAuthenticationFailed", Level = LogLevel.Error,
        Message = "The SMTP server {Host} refused the configured credentials; e-mail is paused, and a message is sent as a probe now and then until they are fixed")]
    public static partial void AuthenticationFailed(ILogger logger, string host);

    [LoggerMessage(EventId = 306, EventName = "SmtpConnectionDiscarded", Level = LogLevel.Debug,
        Message = "A pooled SMTP connection was closed instead of reused: {Reason}")]
    public static partial void ConnectionDiscarded(ILogger logger, string reason);

    [LoggerMessage(EventId = 307, EventName = "SmtpNoRecipient", Level = LogLevel.Warning,
        Message = "Message {MessageId} has no valid e-mail recipient; it was not sent")]
    public static partial void NoRecipient(ILogger logger, MessageId messageId);

    [LoggerMessage(EventId = 308, EventName = "SmtpTimeout", Level = LogLevel.Warning,
        Message = "Message {MessageId} could not be sent: the SMTP server did not answer in time ({Phase})")]
    public static partial void Timeout(ILogger logger, MessageId messageId, string phase);

    [LoggerMessage(EventId = 309, EventName = "SmtpChannelUnavailable", Level = LogLevel.Warning,
        Message = "Message {MessageId} was not sent: the SMTP server {Host} cannot be used ({Reason}), which every message would meet; e-mail is paused")]
    public static partial void ChannelUnavailable(ILogger logger, MessageId messageId, string host, string reason);
}
