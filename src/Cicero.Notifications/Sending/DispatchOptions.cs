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
    /// Gets or sets how long a lease holds: a claim leases its batch for this long, and each send, as it begins, leases its
    /// message for this long again. A send begins only while its lease holds; a message whose lease expired before its
    /// send began is simply claimed and sent by the next claim. A message whose send began and whose lease expired
    /// without an outcome (the host died mid-send, or the send outlasted the lease) is sent again (at-least-once channels)
    /// or goes to staff as in doubt (at-most-once channels). Keep it well above the slowest channel's timeout.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how often background processing dispatches (see <c>AddBackgroundProcessing</c>).</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets when a protocol whose channel is broken is paused, and how it is probed (the circuit per protocol).</summary>
    public CircuitOptions Circuit { get; } = new();
}
