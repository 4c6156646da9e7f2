using Cicero.Notifications.Domain;
using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.Staff;

/// <summary>
/// The log messages of the staff services (borrower messages, printing, the message queue): event ids 100–149, stable.
/// Parameters are ids, types, protocols, actions and reasons only: never staff ids, notes, addresses or content.
/// </summary>
internal static partial class StaffLog
{
    [LoggerMessage(EventId = 100, EventName = "StaffRetried", Level = LogLevel.Information,
        Message = "Staff retried message {MessageId} ({Type}, {Protocol}); it is Pending again")]
    public static partial void Retried(ILogger logger, MessageId messageId, NotificationType type, Protocol protocol);

    [LoggerMessage(EventId = 101, EventName = "StaffRerouted", Level = LogLevel.Information,
        Message = "Staff moved message {MessageId} ({Type}) from {FromProtocol} to {ToProtocol}; it is Pending again")]
    public static partial void Rerouted(ILogger logger, MessageId messageId, NotificationType type, Protocol fromProtocol, Protocol toProtocol);

    [LoggerMessage(EventId = 102, EventName = "StaffMarkedHandled", Level = LogLevel.Information,
        Message = "Staff marked message {MessageId} ({Type}, {Protocol}) handled manually")]
    public static partial void MarkedHandled(ILogger logger, MessageId messageId, NotificationType type, Protocol protocol);

    [LoggerMessage(EventId = 103, EventName = "StaffDismissed", Level = LogLevel.Information,
        Message = "Staff dismissed message {MessageId} ({Type}, {Protocol}) from the message queue")]
    public static partial void Dismissed(ILogger logger, MessageId messageId, NotificationType type, Protocol protocol);

    [LoggerMessage(EventId = 110, EventName = "StaffActionRefused", Level = LogLevel.Information,
        Message = "{Action} on message {MessageId} was refused: {Refusal}")]
    public static partial void ActionRefused(ILogger logger, MessageActions action, MessageId messageId, MessageActionRefusal refusal);

    [LoggerMessage(EventId = 111, EventName = "StaffActionConflict", Level = LogLevel.Warning,
        Message = "{Action} on message {MessageId} lost to a concurrent change and was not done")]
    public static partial void ActionConflict(ILogger logger, MessageActions action, MessageId messageId);

    [LoggerMessage(EventId = 112, EventName = "StaffBulkAction", Level = LogLevel.Information,
        Message = "Staff {Action} on many messages: {Succeeded} done, {Refused} refused, {Conflicted} changed by someone else first; more matched: {MoreMatched}")]
    public static partial void BulkActionDone(ILogger logger, MessageActions action, int succeeded, int refused, int conflicted, bool moreMatched);

    [LoggerMessage(EventId = 120, EventName = "MessagePrinted", Level = LogLevel.Debug,
        Message = "Message {MessageId} ({Type}, {Protocol}) printed in {Culture}")]
    public static partial void Printed(ILogger logger, MessageId messageId, NotificationType type, Protocol protocol, string culture);

    [LoggerMessage(EventId = 121, EventName = "PrintTemplateFailed", Level = LogLevel.Error,
        Message = "The {Format} print template for culture {Culture} failed on message {MessageId} with {ExceptionType} at {Position}")]
    public static partial void PrintTemplateFailed(ILogger logger, string format, string culture, MessageId messageId, string exceptionType, string position);
}
