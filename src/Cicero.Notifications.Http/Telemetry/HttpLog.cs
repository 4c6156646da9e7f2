using Cicero.Notifications.Domain;
using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.Http;

/// <summary>
/// Every log message of the HTTP channel (event ids 350–399, stable). Parameters are message ids, protocols, status
/// codes, durations and exception type names: never recipients, texts, header values (API keys) or response bodies.
/// </summary>
internal static partial class HttpLog
{
    [LoggerMessage(EventId = 350, EventName = "HttpMessageAccepted", Level = LogLevel.Debug,
        Message = "Message {MessageId} ({Protocol}) was accepted by the HTTP service with status {StatusCode}")]
    public static partial void MessageAccepted(ILogger logger, MessageId messageId, Protocol protocol, int statusCode);

    [LoggerMessage(EventId = 351, EventName = "HttpMessageRejected", Level = LogLevel.Warning,
        Message = "Message {MessageId} ({Protocol}) was refused by the HTTP service with status {StatusCode}")]
    public static partial void MessageRejected(ILogger logger, MessageId messageId, Protocol protocol, int statusCode);

    [LoggerMessage(EventId = 352, EventName = "HttpMessageDeferred", Level = LogLevel.Warning,
        Message = "Message {MessageId} ({Protocol}) failed for now with status {StatusCode}; the service asked to wait {RetryAfter}")]
    public static partial void MessageDeferred(ILogger logger, MessageId messageId, Protocol protocol, int statusCode, TimeSpan? retryAfter);

    [LoggerMessage(EventId = 353, EventName = "HttpTimeout", Level = LogLevel.Warning,
        Message = "Message {MessageId} ({Protocol}) timed out after {Timeout}")]
    public static partial void Timeout(ILogger logger, MessageId messageId, Protocol protocol, TimeSpan timeout);

    [LoggerMessage(EventId = 354, EventName = "HttpRequestFailed", Level = LogLevel.Warning,
        Message = "Message {MessageId} ({Protocol}) could not be sent: the request failed with {ExceptionType} ({Error})")]
    public static partial void RequestFailed(ILogger logger, MessageId messageId, Protocol protocol, string exceptionType, string error);

    [LoggerMessage(EventId = 355, EventName = "HttpProviderIdMissing", Level = LogLevel.Warning,
        Message = "Message {MessageId} ({Protocol}) was accepted, but the response has no provider id at '{Path}'")]
    public static partial void ProviderIdMissing(ILogger logger, MessageId messageId, Protocol protocol, string path);

    [LoggerMessage(EventId = 356, EventName = "HttpBodyTemplateFailed", Level = LogLevel.Error,
        Message = "Message {MessageId} ({Protocol}) was not sent: its request body could not be rendered ({Problem})")]
    public static partial void BodyTemplateFailed(ILogger logger, MessageId messageId, Protocol protocol, string problem);

    [LoggerMessage(EventId = 357, EventName = "HttpRetryHandlerRemoved", Level = LogLevel.Information,
        Message = "Removed {HandlerType} from the HTTP client of the {Protocol} channel: the dispatcher owns retries, and a blind HTTP retry can send a message twice")]
    public static partial void RetryHandlerRemoved(ILogger logger, string handlerType, string protocol);

    [LoggerMessage(EventId = 358, EventName = "HttpChannelUnavailable", Level = LogLevel.Warning,
        Message = "Message {MessageId} ({Protocol}) was not sent: the HTTP service answered {StatusCode} ({Reason}), which every message would get; the protocol pauses (the service asked to wait {RetryAfter})")]
    public static partial void ChannelUnavailable(ILogger logger, MessageId messageId, Protocol protocol, int statusCode, string reason, TimeSpan? retryAfter);
}
