namespace Cicero.Notifications;

/// <summary>
/// When the dispatcher pauses a protocol whose channel is broken (its circuit opens), and how it tries again. The state is
/// kept per dispatcher process; each host finds out for itself.
/// </summary>
public class CircuitOptions
{
    /// <summary>
    /// Gets or sets how many different messages failing transiently in a row (none of the protocol delivered or refused in
    /// between) open the circuit; one message failing again and again does not. A channel that reports
    /// <see cref="DeliveryResult.ChannelUnavailable"/> opens it at once. 0 opens it only then.
    /// </summary>
    /// <value>The default value is 5.</value>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>Gets or sets how long the first pause lasts before one message is sent as a probe.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the longest pause: each failed probe doubles the pause, up to this.</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan MaxBreakDuration { get; set; } = TimeSpan.FromMinutes(10);
}
