using Cicero.Notifications.Domain;
using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.Telemetry;

/// <summary>
/// Every log message of the library. Event ids and names are stable (part of the public contract). Parameters are ids,
/// types, protocols, statuses and counts only: never addresses, CPR numbers, template data or message content.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "NotificationCreated", Level = LogLevel.Debug,
        Message = "Notification {Type} created {Count} message(s) {Outcome}")]
    public static partial void NotificationCreated(ILogger logger, NotificationType type, int count, string outcome);

    [LoggerMessage(EventId = 2, EventName = "NotificationDuplicate", Level = LogLevel.Debug,
        Message = "Notification {Type} was already created under its idempotency key; returning the {Count} earlier message(s)")]
    public static partial void NotificationDuplicate(ILogger logger, NotificationType type, int count);

    [LoggerMessage(EventId = 3, EventName = "TemplateFailed", Level = LogLevel.Warning,
        Message = "Message {MessageId} ({Type}, {Protocol}) failed: its template could not be rendered")]
    public static partial void TemplateFailed(ILogger logger, MessageId messageId, NotificationType type, Protocol protocol);

    [LoggerMessage(EventId = 4, EventName = "NotificationCancelled", Level = LogLevel.Information,
        Message = "Notification cancelled by the host: {Cancelled} message(s) stopped, {Removed} digest(s) without it, {Sent} already sent, {Sending} being sent")]
    public static partial void NotificationCancelled(ILogger logger, int cancelled, int removed, int sent, int sending);

    [LoggerMessage(EventId = 5, EventName = "FallbackCreated", Level = LogLevel.Information,
        Message = "Every message of a {Type} notification failed ({Replaced} message(s)); fallback message {MessageId} goes out on {Protocol}")]
    public static partial void FallbackCreated(ILogger logger, NotificationType type, int replaced, MessageId messageId, Protocol protocol);

    [LoggerMessage(EventId = 6, EventName = "FallbackExhausted", Level = LogLevel.Information,
        Message = "Every message of a {Type} notification failed; no fallback protocol is left that the borrower can receive: {Count} message(s) stay in the message queue")]
    public static partial void FallbackExhausted(ILogger logger, NotificationType type, int count);

    [LoggerMessage(EventId = 7, EventName = "FallbackFailed", Level = LogLevel.Warning,
        Message = "The fallback after message {MessageId} ({Type}) failed with {ExceptionType}; it stays in the message queue and is tried again at the next start or nightly run")]
    public static partial void FallbackFailed(ILogger logger, MessageId messageId, NotificationType type, string exceptionType);

    [LoggerMessage(EventId = 8, EventName = "NotificationAddedToDigest", Level = LogLevel.Debug,
        Message = "Notification {Type} joined an open digest, which now gathers {Items} notification(s) in {Count} message(s)")]
    public static partial void NotificationAddedToDigest(ILogger logger, NotificationType type, int items, int count);

    [LoggerMessage(EventId = 9, EventName = "DigestNotJoined", Level = LogLevel.Warning,
        Message = "Notification {Type} could not join its open digest ({Why}); it starts a digest of its own")]
    public static partial void DigestNotJoined(ILogger logger, NotificationType type, string why);

    [LoggerMessage(EventId = 10, EventName = "MessageDelivered", Level = LogLevel.Debug,
        Message = "Message {MessageId} ({Type}, {Protocol}) delivered")]
    public static partial void MessageDelivered(ILogger logger, MessageId messageId, NotificationType type, Protocol protocol);

    [LoggerMessage(EventId = 11, EventName = "MessageRetryScheduled", Level = LogLevel.Information,
        Message = "Message {MessageId} ({Protocol}) failed transiently on attempt {Attempt}; next attempt at {NextAttemptAt:O}")]
    public static partial void MessageRetryScheduled(ILogger logger, MessageId messageId, Protocol protocol, int attempt, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 12, EventName = "MessageFailed", Level = LogLevel.Warning,
        Message = "Message {MessageId} ({Type}, {Protocol}) failed: {FailureKind}")]
    public static partial void MessageFailed(ILogger logger, MessageId messageId, NotificationType type, Protocol protocol, MessageFailureKind failureKind);

    [LoggerMessage(EventId = 13, EventName = "ChannelThrew", Level = LogLevel.Warning,
        Message = "The {Protocol} channel threw {ExceptionType} for message {MessageId}; treated as a transient failure")]
    public static partial void ChannelThrew(ILogger logger, Protocol protocol, string exceptionType, MessageId messageId);

    [LoggerMessage(EventId = 14, EventName = "MessageInDoubt", Level = LogLevel.Warning,
        Message = "Message {MessageId} ({Protocol}) was interrupted mid-send on an at-most-once channel; it goes to staff as in doubt")]
    public static partial void MessageInDoubt(ILogger logger, MessageId messageId, Protocol protocol);

    [LoggerMessage(EventId = 15, EventName = "MessageResent", Level = LogLevel.Information,
        Message = "Message {MessageId} ({Protocol}) was interrupted mid-send on an at-least-once channel; sending it again")]
    public static partial void MessageResent(ILogger logger, MessageId messageId, Protocol protocol);

    [LoggerMessage(EventId = 16, EventName = "UpdateConflict", Level = LogLevel.Warning,
        Message = "Message {MessageId} changed while it was being sent; its outcome {Outcome} was not recorded and the lease will expire")]
    public static partial void UpdateConflict(ILogger logger, MessageId messageId, string outcome);

    [LoggerMessage(EventId = 17, EventName = "DispatchCompleted", Level = LogLevel.Information,
        Message = "Dispatch claimed {Claimed} message(s): {Delivered} sent, {Retried} to retry, {Failed} failed, {Paused} waiting for a paused channel, {Deferred} waiting for quiet hours, in {DurationMs} ms")]
    public static partial void DispatchCompleted(ILogger logger, int claimed, int delivered, int retried, int failed, int paused, int deferred, long durationMs);

    [LoggerMessage(EventId = 18, EventName = "ClaimLost", Level = LogLevel.Warning,
        Message = "Message {MessageId} on {Protocol} was not sent by this dispatcher: its lease expired before its send began, and the next claim sends it. If this repeats, raise Dispatch.LeaseDuration or lower Dispatch.BatchSize")]
    public static partial void ClaimLost(ILogger logger, MessageId messageId, Protocol protocol);

    [LoggerMessage(EventId = 19, EventName = "CircuitOpened", Level = LogLevel.Warning,
        Message = "The {Protocol} channel is paused until {OpenUntil}: {Reason}. Its messages wait without spending attempts; one is sent as a probe when the pause ends")]
    public static partial void CircuitOpened(ILogger logger, Protocol protocol, string reason, DateTimeOffset openUntil);

    [LoggerMessage(EventId = 20, EventName = "CircuitClosed", Level = LogLevel.Information,
        Message = "The {Protocol} channel works again after {PausedSeconds} s: its messages are sent")]
    public static partial void CircuitClosed(ILogger logger, Protocol protocol, long pausedSeconds);

    [LoggerMessage(EventId = 21, EventName = "CircuitProbeFailed", Level = LogLevel.Debug,
        Message = "The probe on the {Protocol} channel failed ({Reason}); paused until {OpenUntil}")]
    public static partial void CircuitProbeFailed(ILogger logger, Protocol protocol, string reason, DateTimeOffset openUntil);

    [LoggerMessage(EventId = 32, EventName = "Started", Level = LogLevel.Information,
        Message = "Cicero.Notifications started: {Store}; channels {Channels}; notification types {Types}; background processing {BackgroundProcessing}; nightly jobs {NightlyJobs}")]
    public static partial void Started(ILogger logger, string store, string channels, string types, string backgroundProcessing, string nightlyJobs);

    [LoggerMessage(EventId = 30, EventName = "InMemoryStore", Level = LogLevel.Warning,
        Message = "Cicero.Notifications uses the in-memory store: messages and profiles do not survive a restart. Use the SQLite or PostgreSQL store in production")]
    public static partial void InMemoryStore(ILogger logger);

    [LoggerMessage(EventId = 31, EventName = "BackgroundProcessingFailed", Level = LogLevel.Error,
        Message = "Background {Job} failed with {ExceptionType}; it runs again at the next interval")]
    public static partial void BackgroundProcessingFailed(ILogger logger, string job, string exceptionType);

    [LoggerMessage(EventId = 40, EventName = "ReceiptsApplied", Level = LogLevel.Debug,
        Message = "{Count} delivery receipt(s): {Applied} applied, {Unchanged} unchanged, {Kept} kept for messages not yet recorded")]
    public static partial void ReceiptsApplied(ILogger logger, int count, int applied, int unchanged, int kept);

    [LoggerMessage(EventId = 41, EventName = "ReceiptsUnmatched", Level = LogLevel.Information,
        Message = "{Kept} of {Count} delivery receipt(s) matched no message; they are kept for {Retention} and applied when their messages are recorded Sent")]
    public static partial void ReceiptsUnmatched(ILogger logger, int kept, int count, TimeSpan retention);

    [LoggerMessage(EventId = 42, EventName = "KeptReceiptsApplied", Level = LogLevel.Information,
        Message = "{Count} kept delivery receipt(s) found their messages")]
    public static partial void KeptReceiptsApplied(ILogger logger, int count);

    [LoggerMessage(EventId = 43, EventName = "UnmatchedReceiptsForgotten", Level = LogLevel.Information,
        Message = "Nightly jobs: {Count} delivery receipt(s) that never matched a message were forgotten")]
    public static partial void UnmatchedReceiptsForgotten(ILogger logger, int count);

    [LoggerMessage(EventId = 44, EventName = "LettersCollected", Level = LogLevel.Information,
        Message = "A print run collected {Count} letter(s) of {Protocol}; {TakenByAnother} were taken by another run first")]
    public static partial void LettersCollected(ILogger logger, Protocol protocol, int count, int takenByAnother);
}
