namespace Cicero.Notifications;

/// <summary>How the dispatcher claims and sends due messages.</summary>
public class DispatchOptions
{
    /// <summary>Gets or sets how many messages one claim takes.</summary>
    /// <value>The default value is 100 messages.</value>
    public int BatchSize { get; set; } = 100;

    /// <summary>Gets or sets how many messages are sent at once.</summary>
    /// <value>The default value is 8.</value>
    public int MaxParallelism { get; set; } = 8;

    /// <summary>
    /// Gets or sets how long a claim holds. A message whose lease expires without an outcome (the host died mid-send)
    /// is sent again (at-least-once channels) or goes to staff as in doubt (at-most-once channels). Keep it well above the
    /// slowest channel's timeout.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how often background processing dispatches (see <c>AddBackgroundProcessing</c>).</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}
