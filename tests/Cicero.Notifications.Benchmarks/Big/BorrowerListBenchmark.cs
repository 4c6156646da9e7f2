using System.Diagnostics;
using System.Globalization;
using Cicero.Notifications.Benchmarks.Stores;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Benchmarks.Big;

/// <summary>
/// The borrower list (<see cref="IMessageStore.ListByBorrowerAsync"/>) on a seeded store, through the library: p50/p99
/// latency of the first page of 50 and of a deep page reached by continuation for the heavy borrowers, and of an
/// ordinary borrower's first page. One query at a time, after a warm-up.
/// </summary>
internal static class BorrowerListBenchmark
{
    private const int PageSize = 50;
    private const int DeepPage = 40;
    private const int WarmUp = 200;
    private const int Samples = 2_000;

    public static async Task RunAsync(BenchDatabase database, string connectionString)
    {
        await using var host = LibraryHost.Create(b => database.UseStore(b, connectionString));
        var store = host.GetRequiredService<IMessageStore>();
        var heavy = Enumerable.Range(0, SeedData.HeavyBorrowers).Select(i => BorrowerId.Parse(SeedData.Heavy(i))).ToArray();

        // The continuation after page DeepPage of each heavy borrower, found by paging there once.
        var deep = new string[heavy.Length];
        for (var b = 0; b < heavy.Length; b++)
        {
            string? continuation = null;
            for (var page = 0; page < DeepPage; page++)
            {
                continuation = (await store.ListByBorrowerAsync(heavy[b], null, new PageRequest(PageSize, continuation))).Continuation;
            }

            deep[b] = continuation ?? throw new InvalidOperationException("A heavy borrower has fewer messages than the deep page needs.");
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"  borrower list, IMessageStore.ListByBorrowerAsync, one at a time, {Samples:N0} queries each"));
        await ReportAsync("heavy borrower, first page of 50", i => store.ListByBorrowerAsync(heavy[i % heavy.Length], null, new PageRequest(PageSize)));
        await ReportAsync(string.Create(c, $"heavy borrower, page {DeepPage + 1} via continuation"), i => store.ListByBorrowerAsync(heavy[i % heavy.Length], null, new PageRequest(PageSize, deep[i % heavy.Length])));
        await ReportAsync("ordinary borrower, first page", i => store.ListByBorrowerAsync(BorrowerId.Parse(SeedData.Ordinary((int)((i * 7919L) % SeedData.OrdinaryBorrowers))), null, new PageRequest(PageSize)));
    }

    private static async Task ReportAsync(string name, Func<int, Task<MessagePage>> query)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            await query(i);
        }

        var samples = new TimeSpan[Samples];
        var items = 0L;
        for (var i = 0; i < Samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var page = await query(i);
            samples[i] = Stopwatch.GetElapsedTime(started);
            items += page.Items.Count;
        }

        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {name,-44} {items / (double)Samples,3:F0} items   p50 {Percentiles.Of(samples, 50).TotalMilliseconds,5:F2} ms   p99 {Percentiles.Of(samples, 99).TotalMilliseconds,5:F2} ms"));
    }
}
