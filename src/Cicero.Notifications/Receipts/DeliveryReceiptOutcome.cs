namespace Cicero.Notifications;

/// <summary>What a provider reported about a message it accepted.</summary>
public enum DeliveryReceiptOutcome
{
    /// <summary>The message reached the borrower (an SMS delivery report "delivered"; for e-mail, a positive DSN).</summary>
    Delivered = 0,

    /// <summary>
    /// The message will never reach the borrower (an SMS to an unknown number or that expired, an e-mail bounce or
    /// complaint): the message becomes Failed and appears in the message queue.
    /// </summary>
    FailedPermanently = 1,

    /// <summary>The provider is still trying (a delayed DSN, an SMS "buffered"): ignored, nothing changes.</summary>
    FailedTransiently = 2,
}
