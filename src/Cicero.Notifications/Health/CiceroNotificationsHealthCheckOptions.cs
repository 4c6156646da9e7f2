namespace Cicero.Notifications;

/// <summary>When the health check reports the library degraded.</summary>
public class CiceroNotificationsHealthCheckOptions
{
    /// <summary>
    /// Gets or sets how long a due message may wait before the library is degraded: longer means due messages are not
    /// being sent — background processing is not added (<c>AddBackgroundProcessing</c>), the dispatcher died, or every
    /// send fails slowly.
    /// </summary>
    /// <value>The default value is 15 minutes.</value>
    public TimeSpan MaxDueAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets how many messages the message queue may hold before the library is degraded (staff are falling behind, or a channel is broken).</summary>
    /// <value>The default value is 500 messages.</value>
    public long MaxQueueDepth { get; set; } = 500;
}
