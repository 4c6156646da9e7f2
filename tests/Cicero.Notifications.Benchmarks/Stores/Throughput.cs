namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>One measurement: how long notifying and then dispatching <see cref="Messages"/> messages took (wall clock).</summary>
internal readonly record struct Throughput(int Messages, TimeSpan Notify, TimeSpan Dispatch)
{
    public TimeSpan Total => Notify + Dispatch;

    public double PerSecond => Messages / Total.TotalSeconds;

    public double NotifyPerSecond => Messages / Notify.TotalSeconds;

    public double DispatchPerSecond => Messages / Dispatch.TotalSeconds;

    public static Throughput Best(Throughput? a, Throughput b) => a is { } x && x.Total <= b.Total ? x : b;
}
