namespace Cicero.Notifications;

/// <summary>The kind of a <see cref="DeliveryResult"/>.</summary>
public enum DeliveryOutcome
{
    /// <summary>The provider accepted the message.</summary>
    Delivered = 0,

    /// <summary>The provider failed for now; the message is retried with backoff.</summary>
    TransientFailure = 1,

    /// <summary>The provider refused the message for good; it becomes Failed and goes to the message queue.</summary>
    PermanentFailure = 2,
}
