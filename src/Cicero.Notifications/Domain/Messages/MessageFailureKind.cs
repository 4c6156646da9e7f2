namespace Cicero.Notifications.Domain;

/// <summary>Why a message could not be sent; the message queue filters on it.</summary>
public enum MessageFailureKind
{
    /// <summary>The channel failed for now (network, rate limit, provider outage); the message is retried.</summary>
    Transient = 0,

    /// <summary>The channel refused the message for good (for example an unknown mailbox or an invalid number).</summary>
    Rejected = 1,

    /// <summary>Every allowed attempt failed transiently.</summary>
    RetriesExhausted = 2,

    /// <summary>The template could not be rendered for this borrower's data, or the result broke a limit (SMS segments).</summary>
    TemplateFailed = 3,

    /// <summary>A send was interrupted and the channel sends at most once: staff must check whether it arrived.</summary>
    InDoubt = 4,

    /// <summary>No channel is registered for the message's protocol.</summary>
    NoChannel = 5,

    /// <summary>A newer message replaced it before it was sent: a resent e-mail verification, whose link the old one no longer carries.</summary>
    Superseded = 6,

    /// <summary>
    /// The provider accepted the message but later reported that it could not be delivered (a delivery receipt: an SMS
    /// that expired or went to an unknown number, an e-mail that bounced). The one way a <see cref="MessageStatus.Sent"/>
    /// message becomes <see cref="MessageStatus.Failed"/>.
    /// </summary>
    Undeliverable = 7,

    /// <summary>
    /// The host withdrew the notification before the message was sent (the reservation was collected, the loan returned).
    /// A cancelled message is Failed and dismissed: not in the message queue, never sent, shown on the borrower's list
    /// with the host's reason.
    /// </summary>
    Cancelled = 8,
}
