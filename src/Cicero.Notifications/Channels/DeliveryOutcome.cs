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

    /// <summary>
    /// The channel cannot send anything now (misconfigured, or its provider is down): the message waits without spending
    /// an attempt, and the dispatcher pauses the protocol (its circuit opens) until a probe succeeds.
    /// </summary>
    ChannelUnavailable = 3,
}
