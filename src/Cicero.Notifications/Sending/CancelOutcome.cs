namespace Cicero.Notifications;

/// <summary>What <see cref="INotifier.CancelAsync"/> did to one message of the notification.</summary>
public enum CancelOutcome
{
    /// <summary>The message had not been sent: it is cancelled and will never reach a channel.</summary>
    Cancelled = 0,

    /// <summary>An earlier cancellation stopped it already; nothing changed.</summary>
    AlreadyCancelled = 1,

    /// <summary>The message was sent (or handled by hand) before the cancellation: it is untouched.</summary>
    Sent = 2,

    /// <summary>
    /// A dispatcher had begun sending it: it may already have reached the provider, so it is not cancelled; its outcome
    /// is recorded as usual (an interrupted send becomes in doubt for staff).
    /// </summary>
    Sending = 3,

    /// <summary>The message is anonymized (older than the retention period): it is untouched.</summary>
    Anonymized = 4,

    /// <summary>
    /// The message is a digest that also gathers other notifications and had not been sent: this notification's item
    /// was removed and the message rendered again from the others, which still go out.
    /// </summary>
    RemovedFromDigest = 5,
}
