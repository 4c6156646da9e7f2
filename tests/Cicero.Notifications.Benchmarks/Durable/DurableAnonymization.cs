using System.Diagnostics;
using System.Globalization;
using Cicero.Notifications.Benchmarks.Big;
using Cicero.Notifications.Benchmarks.Stores;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Benchmarks.Durable;

/// <summary>
/// The durable mode's anonymization figures (minutes): two stores per database seeded alike with <c>--big</c>'s seeding;
/// one anonymized through the library (<see cref="IMessageStore.AnonymizeBatchAsync"/>, as the nightly job does), the
/// other by the bare driver with one set-based UPDATE per batch (<see cref="RawStore.AnonymizeBatchAsync"/>), both in
/// batches of <see cref="AnonymizationBenchmark.BatchSize"/>, one transaction each.
/// </summary>
internal static class DurableAnonymization
{
    public const string CountVariable = "CICERO_DURABLE_ANONYMIZE_MESSAGES";
    private const double RatioGoal = 0.5;

    public static async Task<int> RunAsync()
    {
        var n = DurableFigure.Count(CountVariable, BigBenchmark.Messages);
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"Durable anonymization: {n:N0} finished messages seeded with the bare driver (as --big), then all anonymized in batches of {AnonymizationBenchmark.BatchSize:N0}, one transaction each"));
        Console.WriteLine("  library: IMessageStore.AnonymizeBatchAsync; raw: one UPDATE … WHERE id IN (the oldest batch) setting recipient, subject, body, HTML body, template data and");
        Console.WriteLine("           failure reason to NULL, is_anonymized, changed_at and version, and appending the Anonymized history entry");
        Console.WriteLine($"  {MachineLoad.Describe()}");
        return await DurableFigure.OnBothStoresAsync(async (database, _) => [await CompareAsync(database, n)]);
    }

    private static async Task<DurableFigure> CompareAsync(BenchDatabase database, int n)
    {
        var (libraryStore, _, _) = await BigBenchmark.SeedStoreAsync(database, n);
        TimeSpan library;
        await using (var host = LibraryHost.Create(b => database.UseStore(b, libraryStore)))
        {
            var store = host.GetRequiredService<IMessageStore>();
            library = await AnonymizeAllAsync(n, now => store.AnonymizeBatchAsync(now, now, AnonymizationBenchmark.BatchSize));
        }

        var (rawStore, _, _) = await BigBenchmark.SeedStoreAsync(database, n);
        TimeSpan raw;
        await using (var store = await database.OpenRawAsync(rawStore))
        {
            raw = await AnonymizeAllAsync(n, now => store.AnonymizeBatchAsync(now, now, AnonymizationBenchmark.BatchSize));
        }

        await CheckReadableAsync(database, rawStore);

        var c = CultureInfo.InvariantCulture;
        var figure = new DurableFigure(
            $"durable {database.Label} anonymize",
            raw / library,
            RatioGoal,
            string.Create(c, $"library {DurableFigure.Rate(n / library.TotalSeconds)} ({library.TotalSeconds:F1} s)   raw {DurableFigure.Rate(n / raw.TotalSeconds)} ({raw.TotalSeconds:F1} s)"));
        figure.Print();
        return figure;
    }

    /// <summary>Reads a heavy borrower's first page of the raw side's rows through the library (untimed): they must be what the library itself writes.</summary>
    private static async Task CheckReadableAsync(BenchDatabase database, string connectionString)
    {
        await using var host = LibraryHost.Create(b => database.UseStore(b, connectionString));
        var page = await host.GetRequiredService<IMessageStore>().ListByBorrowerAsync(BorrowerId.Parse(SeedData.Heavy(0)), null, new PageRequest(50));
        if (page.Items.Count == 0 || page.Items.Any(m => !m.IsAnonymized || m.Recipient is not null || m.Content is not null || m.History[^1].Event != MessageEvent.Anonymized))
        {
            throw new InvalidOperationException("The raw side's anonymized rows differ from the library's: the measurement is void.");
        }
    }

    /// <summary>Runs <paramref name="batch"/> until it anonymizes nothing; returns the time taken.</summary>
    private static async Task<TimeSpan> AnonymizeAllAsync(int expected, Func<DateTimeOffset, Task<int>> batch)
    {
        var now = TimeProvider.System.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var total = 0;
        while (await batch(now) is var count and > 0)
        {
            total += count;
        }

        stopwatch.Stop();
        return total == expected
            ? stopwatch.Elapsed
            : throw new InvalidOperationException($"{total} of {expected} messages were anonymized: the measurement is void.");
    }
}
