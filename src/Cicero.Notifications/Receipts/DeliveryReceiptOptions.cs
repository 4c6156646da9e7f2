namespace Cicero.Notifications;

/// <summary>How delivery receipts are kept when they arrive before their message is recorded Sent.</summary>
public sealed class DeliveryReceiptOptions
{
    /// <summary>
    /// Gets or sets how long a receipt that matches no message is kept, waiting for the dispatcher to record its message
    /// (2 days by default). The nightly jobs forget older ones and count them.
    /// </summary>
    public TimeSpan UnmatchedRetention { get; set; } = TimeSpan.FromDays(2);
}
