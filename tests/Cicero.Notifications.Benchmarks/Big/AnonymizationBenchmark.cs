using System.Diagnostics;
using System.Globalization;
using Cicero.Notifications.Benchmarks.Stores;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Benchmarks.Big;

/// <summary>
/// Anonymizes every message of a seeded store through the library (<see cref="IMessageStore.AnonymizeBatchAsync"/> in
/// batches of 1 000, as the nightly job does) and prints the time and the memory, sampled after every batch, to show it
/// stays bounded however many messages there are.
/// </summary>
internal static class AnonymizationBenchmark
{
    /// <summary>How many messages one anonymization step takes (also the durable benchmark's, on both sides).</summary>
    public const int BatchSize = 1_000;
    private const int WorkingSetEvery = 20;
    private const int LiveHeapEvery = 100;

    public static async Task RunAsync(BenchDatabase database, string connectionString, int expected)
    {
        await using var host = LibraryHost.Create(b => database.UseStore(b, connectionString));
        var store = host.GetRequiredService<IMessageStore>();
        using var process = Process.GetCurrentProcess();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var (workingSetBefore, peakBefore) = (process.WorkingSet64, process.PeakWorkingSet64);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var now = TimeProvider.System.GetUtcNow();
        long managedMax = 0, workingSetMax = 0, managedAtTenth = 0, liveMax = 0;
        var (total, batches) = (0, 0);
        var stopwatch = Stopwatch.StartNew();
        while (await store.AnonymizeBatchAsync(now, now, BatchSize) is var count and > 0)
        {
            total += count;
            batches++;
            managedMax = Math.Max(managedMax, GC.GetTotalMemory(forceFullCollection: false));
            if (batches % WorkingSetEvery == 0)
            {
                process.Refresh();
                workingSetMax = Math.Max(workingSetMax, process.WorkingSet64);
            }

            if (batches % LiveHeapEvery == 0)
            {
                liveMax = Math.Max(liveMax, GC.GetTotalMemory(forceFullCollection: true)); // what the loop keeps, without garbage
            }

            if (batches == expected / BatchSize / 10)
            {
                managedAtTenth = managedMax;
            }
        }

        stopwatch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"  anonymization, IMessageStore.AnonymizeBatchAsync in batches of {BatchSize:N0}"));
        Console.WriteLine(string.Create(c, $"    {total:N0} messages in {batches:N0} batches: {stopwatch.Elapsed.TotalSeconds:F1} s ({total / stopwatch.Elapsed.TotalSeconds:N0} messages/s, {allocated / (double)Math.Max(total, 1):N0} B allocated per message){(total == expected ? "" : string.Create(c, $" — EXPECTED {expected:N0}"))}"));
        Console.WriteLine(string.Create(c, $"    managed heap (GC.GetTotalMemory) after each batch, garbage included: {MiB(managedBefore)} before, max {MiB(managedAtTenth)} over the first 10 % of batches, max {MiB(managedMax)} over all"));
        Console.WriteLine(string.Create(c, $"    live managed heap after a full collection every {LiveHeapEvery} batches: max {MiB(liveMax)}"));
        Console.WriteLine(string.Create(c, $"    working set: {MiB(workingSetBefore)} before, max {MiB(workingSetMax)} during (every {WorkingSetEvery} batches); Process.PeakWorkingSet64 {MiB(peakBefore)} before, {MiB(process.PeakWorkingSet64)} after"));
    }

    private static string MiB(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MiB");
}
