namespace Cicero.Notifications.Domain;

/// <summary>What happened to a message, as recorded in its history.</summary>
public enum MessageEvent
{
    /// <summary>The message was created.</summary>
    Created = 0,

    /// <summary>The channel accepted the message.</summary>
    Delivered = 1,

    /// <summary>A delivery attempt failed transiently; another attempt is scheduled.</summary>
    RetryScheduled = 2,

    /// <summary>The message failed (permanent failure, retries exhausted, template failure, outcome in doubt).</summary>
    Failed = 3,

    /// <summary>The message was released for sending after its e-mail address was verified.</summary>
    Released = 4,

    /// <summary>The message's e-mail address expired unverified and no other protocol could take it.</summary>
    ContactMissing = 5,

    /// <summary>Staff (or the system) sent the message again.</summary>
    Retried = 6,

    /// <summary>The message was moved to another protocol and address.</summary>
    Rerouted = 7,

    /// <summary>Staff handled the message by hand (for example printed and posted it).</summary>
    HandledManually = 8,

    /// <summary>Staff removed the message from the message queue; it stays Failed.</summary>
    Dismissed = 9,

    /// <summary>The message's personal content was removed.</summary>
    Anonymized = 10,

    /// <summary>The provider confirmed that a <see cref="MessageStatus.Sent"/> message reached the borrower (a delivery receipt); the status is unchanged.</summary>
    DeliveryConfirmed = 11,

    /// <summary>The host withdrew the notification before the message was sent (<see cref="INotifier.CancelAsync"/>).</summary>
    Cancelled = 12,

    /// <summary>The message became due inside its protocol's quiet hours and waits until they end; no attempt is spent.</summary>
    Deferred = 13,

    /// <summary>
    /// Every message of the notification failed and a fallback message on the next protocol of the type's fallback list
    /// took over; the message leaves the message queue (dismissed) and stays Failed.
    /// </summary>
    ReplacedByFallback = 14,

    /// <summary>Another notification of the same type for the borrower joined this digest message; its content was rendered again with every item.</summary>
    AddedToDigest = 15,

    /// <summary>A notification gathered into this digest message was cancelled by the host; its item was removed and the content rendered again.</summary>
    RemovedFromDigest = 16,

    /// <summary>Staff collected the letter in a print run (a collected protocol): Pending → Sent; the reason names the run.</summary>
    Collected = 17,
}
