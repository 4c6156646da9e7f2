using System.Globalization;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// The store section of the quick benchmark: messages per second notified and dispatched through the library on
/// SQLite (1 host) and PostgreSQL (1 and 4 hosts), next to the bare driver running the same SQL on the same schema in
/// the same run, and their ratio. Wall clock (the work is I/O-bound); each side twice, the best kept, after a short
/// warm-up.
/// </summary>
internal static class StoreBenchmark
{
    public const double RatioGoal = 0.5;
    public const int Notifications = 5_000;
    private const int WarmUpNotifications = 200;
    private const int Rounds = 2;

    /// <summary>Runs the section; returns 0 when every ratio meets the goal, 1 when one does not, 2 when PostgreSQL was required but not reachable.</summary>
    public static async Task<int> RunAsync(bool requirePostgres)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"Store throughput: notify + dispatch, wall clock, best of {Rounds} ({Notifications:N0} notifications = {Notifications * 2:N0} messages, SMS + e-mail, no-op channels)"));
        Console.WriteLine(string.Create(c, $"  library: INotifier + IMessageDispatcher, one DI container per host (dispatch batch {LibraryHost.BatchSize}, {LibraryHost.MaxParallelism} sends at once per host)"));
        Console.WriteLine("  raw:     the store's INSERT, claim UPDATE … RETURNING and status UPDATE with the bare driver, same schema, same transactions");
        Console.WriteLine("  hosts notify at once, then dispatch at once; each phase's rate in parentheses");
        Console.WriteLine($"  {MachineLoad.Describe()}");

        var ok = true;
        await using (var sqlite = new SqliteBenchDatabase())
        {
            ok &= await CompareAsync(sqlite, hosts: 1);
        }

        var (postgres, problem) = await PostgresBenchDatabase.TryCreateAsync();
        if (postgres is null)
        {
            Console.WriteLine($"  PostgreSQL: not run, {problem}");
            Console.WriteLine($"  {PostgresBenchDatabase.HowToStart}");
            return requirePostgres ? 2 : ok ? 0 : 1;
        }

        await using (postgres)
        {
            ok &= await CompareAsync(postgres, hosts: 1);
            ok &= await CompareAsync(postgres, hosts: 4);
        }

        Console.WriteLine(string.Create(c, $"  goal: ratio >= {RatioGoal:F1}: {(ok ? "met" : "NOT MET")}"));
        return ok ? 0 : 1;
    }

    private static async Task<bool> CompareAsync(BenchDatabase database, int hosts)
    {
        await Workload.MeasureAsync(() => LibraryRun.StartAsync(database, hosts), hosts, WarmUpNotifications);
        await Workload.MeasureAsync(() => RawRun.StartAsync(database, hosts), hosts, WarmUpNotifications);

        Throughput? library = null, raw = null;
        for (var round = 0; round < Rounds; round++)
        {
            library = Throughput.Best(library, await Workload.MeasureAsync(() => LibraryRun.StartAsync(database, hosts), hosts, Notifications));
            raw = Throughput.Best(raw, await Workload.MeasureAsync(() => RawRun.StartAsync(database, hosts), hosts, Notifications));
        }

        var ratio = library!.Value.PerSecond / raw!.Value.PerSecond;
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"  {database.Name}, {hosts} host{(hosts == 1 ? "" : "s")}: ratio {ratio:F2}"));
        Console.WriteLine(string.Create(c, $"    library {Format(library.Value)}"));
        Console.WriteLine(string.Create(c, $"    raw     {Format(raw.Value)}"));
        return ratio >= RatioGoal;
    }

    private static string Format(Throughput t)
        => string.Create(CultureInfo.InvariantCulture, $"{t.PerSecond,7:N0} msg/s  (notify {t.NotifyPerSecond,6:N0} msg/s, dispatch {t.DispatchPerSecond,6:N0} msg/s; {t.Total.TotalSeconds:F1} s)");
}
