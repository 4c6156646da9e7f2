namespace Cicero.Notifications;

/// <summary>What a channel guarantees when a send is interrupted before its outcome was recorded.</summary>
public enum DeliveryGuarantee
{
    /// <summary>
    /// Sending twice is worse than not at all (SMS): an interrupted message is not sent again automatically but becomes
    /// Failed with <see cref="Domain.MessageFailureKind.InDoubt"/>, for staff to check.
    /// </summary>
    AtMostOnce = 0,

    /// <summary>
    /// The channel (or its provider, using the message id as idempotency key) tolerates a repeat: an interrupted message
    /// is sent again when its lease expires.
    /// </summary>
    AtLeastOnce = 1,
}
