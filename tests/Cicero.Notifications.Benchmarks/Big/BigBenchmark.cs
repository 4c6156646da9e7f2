using System.Diagnostics;
using System.Globalization;
using Cicero.Notifications.Benchmarks.Stores;

namespace Cicero.Notifications.Benchmarks.Big;

/// <summary>
/// The opt-in big benchmarks (minutes): a million messages seeded with the bare driver, then the borrower list's latency
/// and anonymization of all of them, through the library, on SQLite and on PostgreSQL.
/// </summary>
internal static class BigBenchmark
{
    public const int Messages = 1_000_000;

    /// <summary>Runs the big benchmarks; returns 2 when PostgreSQL is not reachable (after the SQLite figures).</summary>
    public static async Task<int> RunAsync()
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"Big: {Messages:N0} stored messages over a year ({SeedData.OrdinaryBorrowers:N0} ordinary borrowers, {SeedData.HeavyBorrowers} heavy ones), seeded with the bare driver; queries through the library"));
        Console.WriteLine($"  {MachineLoad.Describe()}");
        await using (var sqlite = new SqliteBenchDatabase())
        {
            var connectionString = await SeedAsync(sqlite, "one transaction, prepared INSERT");
            await BorrowerListBenchmark.RunAsync(sqlite, connectionString);
            await AnonymizationBenchmark.RunAsync(sqlite, connectionString, Messages);
        }

        var (postgres, problem) = await PostgresBenchDatabase.TryCreateAsync();
        if (postgres is null)
        {
            Console.WriteLine($"PostgreSQL: not run, {problem}");
            Console.WriteLine(PostgresBenchDatabase.HowToStart);
            return 2;
        }

        await using (postgres)
        {
            var connectionString = await SeedAsync(postgres, "binary COPY, then VACUUM ANALYZE");
            await BorrowerListBenchmark.RunAsync(postgres, connectionString);
            await AnonymizationBenchmark.RunAsync(postgres, connectionString, Messages);
        }

        return 0;
    }

    private static async Task<string> SeedAsync(BenchDatabase database, string how)
    {
        var (connectionString, seed, elapsed) = await SeedStoreAsync(database, Messages);
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(database.Name);
        Console.WriteLine(string.Create(c, $"  seeded {seed.Count:N0} messages in {elapsed.TotalSeconds:F1} s ({how}); heavy borrowers hold {seed.HeavyCounts.Min():N0}–{seed.HeavyCounts.Max():N0} each"));
        return connectionString;
    }

    /// <summary>Creates a store and seeds <paramref name="messages"/> finished messages into it with the bare driver (<see cref="RawStore.SeedAsync"/>).</summary>
    public static async Task<(string ConnectionString, SeedData Seed, TimeSpan Elapsed)> SeedStoreAsync(BenchDatabase database, int messages)
    {
        var connectionString = await database.CreateStoreAsync();
        var seed = new SeedData(messages, TimeProvider.System.GetUtcNow());
        var stopwatch = Stopwatch.StartNew();
        await using (var raw = await database.OpenRawAsync(connectionString))
        {
            await raw.SeedAsync(seed.Generate());
        }

        return (connectionString, seed, stopwatch.Elapsed);
    }
}
