using System.Diagnostics;
using System.Globalization;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// The measured work, the same for both sides: <c>n</c> notifications (two messages each) for 100 borrowers, split over
/// the hosts, which notify at once; then every host dispatches at once until nothing is due. Wall clock per phase.
/// </summary>
internal static class Workload
{
    public const int Borrowers = 100;

    public static string Borrower(int notification) => "B" + (notification % Borrowers).ToString(CultureInfo.InvariantCulture);

    public static async Task<Throughput> MeasureAsync(Func<Task<IThroughputRun>> start, int hosts, int notifications)
    {
        await using var run = await start();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, hosts).Select(host => Task.Run(async () =>
        {
            for (var i = host; i < notifications; i += hosts)
            {
                await run.NotifyAsync(host, i);
            }
        })));
        var notified = stopwatch.Elapsed;
        var sent = await Task.WhenAll(Enumerable.Range(0, hosts).Select(host => Task.Run(() => run.DispatchAllDueAsync(host))));
        var dispatched = stopwatch.Elapsed - notified;

        var messages = notifications * 2;
        return sent.Sum() == messages
            ? new Throughput(messages, notified, dispatched)
            : throw new InvalidOperationException($"{sent.Sum()} of {messages} messages were sent: the measurement is void.");
    }
}
