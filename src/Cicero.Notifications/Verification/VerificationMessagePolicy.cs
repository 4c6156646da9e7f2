using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Verification;

/// <summary>
/// What sets the e-mail verification message apart from every other message, in one place: it is retried on its own
/// policy (<see cref="CiceroNotificationsOptions.VerificationRetry"/>), it never enters the message queue (a failure is
/// dismissed at once, and staff actions are refused), and once it will not be sent again its stored body keeps the link
/// without the token.
/// </summary>
internal static class VerificationMessagePolicy
{
    /// <summary>The history note of a failed verification message, dismissed as it fails.</summary>
    public const string NeverQueued = "Verification messages never enter the message queue.";

    /// <summary>Gets whether the message is an e-mail verification message.</summary>
    /// <param name="message">The message.</param>
    /// <returns><see langword="true"/> for a verification message.</returns>
    public static bool AppliesTo(Message message) => message.Type == NotificationType.EmailVerification;

    /// <summary>Gets the retry policy of the message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="options">The library's options.</param>
    /// <returns><see cref="CiceroNotificationsOptions.VerificationRetry"/> for a verification message, else <see cref="CiceroNotificationsOptions.Retry"/>.</returns>
    public static RetryOptions RetryFor(Message message, CiceroNotificationsOptions options)
        => AppliesTo(message) ? options.VerificationRetry : options.Retry;

    /// <summary>
    /// Returns a delivery outcome as it is to be stored: a verification message that failed is dismissed (it never enters
    /// the message queue), and one that is Sent or Failed loses the token from its stored body. Other messages are
    /// returned as they are.
    /// </summary>
    /// <param name="outcome">The message after its delivery outcome.</param>
    /// <param name="at">When.</param>
    /// <returns>The message to store.</returns>
    public static Message Settle(Message outcome, DateTimeOffset at)
    {
        if (!AppliesTo(outcome))
        {
            return outcome;
        }

        var settled = outcome.NeedsStaff ? outcome.Dismiss(at, MessageHistoryEntry.SystemActor, NeverQueued) : outcome;
        return VerificationLink.RemoveToken(settled);
    }
}
