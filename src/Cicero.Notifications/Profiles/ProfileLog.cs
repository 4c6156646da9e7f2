using Cicero.Notifications.Domain;
using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.Profiles;

/// <summary>
/// Log messages of borrower profiles, e-mail verification, Digital Post and the nightly jobs: event ids 150–199, stable.
/// Parameters are message ids, types, protocols, kinds and counts only: never borrower ids (a borrower number may be a
/// CPR number), addresses, CPR or CVR numbers, tokens or message content.
/// </summary>
internal static partial class ProfileLog
{
    [LoggerMessage(EventId = 150, EventName = "VerificationMessageCreated", Level = LogLevel.Information,
        Message = "Verification message {MessageId} created for a manually added e-mail address ({Reason})")]
    public static partial void VerificationMessageCreated(ILogger logger, MessageId messageId, string reason);

    [LoggerMessage(EventId = 151, EventName = "EmailVerified", Level = LogLevel.Information,
        Message = "An e-mail address was verified; {Released} held message(s) released")]
    public static partial void EmailVerified(ILogger logger, int released);

    [LoggerMessage(EventId = 152, EventName = "VerificationRefused", Level = LogLevel.Information,
        Message = "A verification token verified nothing ({Result})")]
    public static partial void VerificationRefused(ILogger logger, VerificationResult result);

    [LoggerMessage(EventId = 153, EventName = "ProfileConflict", Level = LogLevel.Warning,
        Message = "A borrower profile changed while {Operation} was saving it")]
    public static partial void ProfileConflict(ILogger logger, string operation);

    [LoggerMessage(EventId = 154, EventName = "HeldMessageRerouted", Level = LogLevel.Information,
        Message = "Held message {MessageId} ({Type}) moved from {From} to the alternative protocol {To}: its e-mail address is gone")]
    public static partial void HeldMessageRerouted(ILogger logger, MessageId messageId, NotificationType type, Protocol from, Protocol to);

    [LoggerMessage(EventId = 155, EventName = "HeldMessageMissingContactInfo", Level = LogLevel.Information,
        Message = "Held message {MessageId} ({Type}) has no other protocol: its e-mail address is gone, it is now MissingContactInfo")]
    public static partial void HeldMessageMissingContactInfo(ILogger logger, MessageId messageId, NotificationType type);

    [LoggerMessage(EventId = 156, EventName = "HeldMessageRerouteFailed", Level = LogLevel.Warning,
        Message = "Held message {MessageId} ({Type}) moved to {To}, but its template could not be rendered: it is Failed")]
    public static partial void HeldMessageRerouteFailed(ILogger logger, MessageId messageId, NotificationType type, Protocol to);

    [LoggerMessage(EventId = 157, EventName = "HeldMessageChanged", Level = LogLevel.Information,
        Message = "Held message {MessageId} changed while its e-mail address was being removed; it was left as it is now")]
    public static partial void HeldMessageChanged(ILogger logger, MessageId messageId);

    [LoggerMessage(EventId = 158, EventName = "VerificationChecked", Level = LogLevel.Debug,
        Message = "A verification token was checked without being used ({Status})")]
    public static partial void VerificationChecked(ILogger logger, VerificationTokenStatus status);

    [LoggerMessage(EventId = 160, EventName = "NightlyRunCompleted", Level = LogLevel.Information,
        Message = "Nightly jobs: {Anonymized} message(s) anonymized, {Deleted} expired e-mail address(es) deleted, {Rerouted} held message(s) moved to an alternative protocol, {Missing} missing contact info, {Failed} failed, {Skipped} profile(s) skipped, {KeysForgotten} idempotency key(s) forgotten")]
    public static partial void NightlyRunCompleted(ILogger logger, int anonymized, int deleted, int rerouted, int missing, int failed, int skipped, int keysForgotten);

    [LoggerMessage(EventId = 165, EventName = "NightlyHeldReleased", Level = LogLevel.Warning,
        Message = "Nightly jobs: {Released} message(s) were still held for an e-mail address already verified and have been released")]
    public static partial void NightlyHeldReleased(ILogger logger, int released);

    [LoggerMessage(EventId = 161, EventName = "NightlyProfileSkipped", Level = LogLevel.Warning,
        Message = "Nightly jobs: a borrower profile kept changing while its expired e-mail address was being deleted; the next run tries again")]
    public static partial void NightlyProfileSkipped(ILogger logger);

    [LoggerMessage(EventId = 162, EventName = "NightlyScheduled", Level = LogLevel.Debug,
        Message = "Nightly jobs run next at {NextRun:O}")]
    public static partial void NightlyScheduled(ILogger logger, DateTimeOffset nextRun);

    [LoggerMessage(EventId = 163, EventName = "NightlyCatchUp", Level = LogLevel.Information,
        Message = "Nightly jobs run once at start to catch up on a night the host may have missed")]
    public static partial void NightlyCatchUp(ILogger logger);

    [LoggerMessage(EventId = 164, EventName = "NightlyRunFailed", Level = LogLevel.Error,
        Message = "Nightly jobs failed with {ExceptionType}; they run again at the next scheduled time")]
    public static partial void NightlyRunFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 170, EventName = "DigitalPostHandedOver", Level = LogLevel.Debug,
        Message = "Digital Post message {MessageId} (recipient by {RecipientKind}) handed to the transport: {Outcome}")]
    public static partial void DigitalPostHandedOver(ILogger logger, MessageId messageId, RecipientKind recipientKind, DeliveryOutcome outcome);

    [LoggerMessage(EventId = 171, EventName = "DigitalPostNoIdentifier", Level = LogLevel.Warning,
        Message = "Digital Post message {MessageId} has no CPR or CVR recipient; refused")]
    public static partial void DigitalPostNoIdentifier(ILogger logger, MessageId messageId);
}
