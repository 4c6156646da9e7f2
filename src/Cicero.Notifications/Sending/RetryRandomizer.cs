namespace Cicero.Notifications.Sending;

/// <summary>
/// Where the retry jitter's randomness comes from: a number in [0, 1) per scheduled retry. Injected (as Polly's retry takes
/// a randomizer), so tests choose it; the default draws from <see cref="Random.Shared"/>.
/// </summary>
/// <param name="next">Returns the next number in [0, 1).</param>
internal sealed class RetryRandomizer(Func<double> next)
{
    /// <summary>Gets the default randomizer, drawing from <see cref="Random.Shared"/>.</summary>
    public static RetryRandomizer Shared { get; } = new(Random.Shared.NextDouble);

    /// <summary>Returns the next number in [0, 1).</summary>
    /// <returns>The number.</returns>
    public double Next() => next();
}
