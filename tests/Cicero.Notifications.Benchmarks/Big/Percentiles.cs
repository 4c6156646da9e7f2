namespace Cicero.Notifications.Benchmarks.Big;

/// <summary>Nearest-rank percentiles of latency samples.</summary>
internal static class Percentiles
{
    public static TimeSpan Of(TimeSpan[] sorted, double percentile)
        => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
