namespace Cicero.Notifications;

/// <summary>How transient failures are retried: exponential backoff with jitter, up to a number of attempts.</summary>
public class RetryOptions
{
    /// <summary>Gets or sets the most delivery attempts before a message becomes Failed (RetriesExhausted).</summary>
    /// <value>The default value is 5 attempts.</value>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Gets or sets the delay after the first failed attempt.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the factor the delay grows by after each failed attempt (1 for a fixed delay).</summary>
    /// <value>The default value is 2.</value>
    public double Multiplier { get; set; } = 2;

    /// <summary>Gets or sets the longest delay.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the jitter: each delay is moved randomly by up to this fraction, so retries spread out.</summary>
    /// <value>The default value is 0.2 (±20 %).</value>
    public double Jitter { get; set; } = 0.2;

    /// <summary>Computes the delay before the next attempt.</summary>
    /// <param name="failedAttempts">How many attempts have failed (1 after the first).</param>
    /// <param name="random">A number in [0, 1) for the jitter.</param>
    /// <returns>The delay.</returns>
    internal TimeSpan DelayAfter(int failedAttempts, double random)
    {
        var exponent = Math.Max(0, failedAttempts - 1);
        var ticks = Math.Min(BaseDelay.Ticks * Math.Pow(Multiplier, exponent), MaxDelay.Ticks);
        var jittered = ticks * (1 + (Jitter * ((2 * random) - 1)));
        return TimeSpan.FromTicks((long)Math.Clamp(jittered, 0, MaxDelay.Ticks));
    }
}
