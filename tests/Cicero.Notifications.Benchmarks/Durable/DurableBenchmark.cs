using System.Diagnostics;
using System.Globalization;
using Cicero.Notifications.Benchmarks.Stores;

namespace Cicero.Notifications.Benchmarks.Durable;

/// <summary>
/// The durable mode: a nightly run's bulk notify and its dispatch through the library on SQLite (one host) and
/// PostgreSQL (four dispatching hosts), each next to the bare driver doing the same writes in the same run on the same
/// schema with the same durability, and on SQLite notify and dispatch at once. Wall clock; each side
/// <see cref="Rounds"/> times after a warm-up, the best kept.
/// </summary>
internal static class DurableBenchmark
{
    public const string CountVariable = "CICERO_DURABLE_NOTIFICATIONS";
    public const int Notifications = 20_000;
    private const double RatioGoal = 0.5;
    private const double ConcurrentGoal = 0.8;
    private const int WarmUpNotifications = 500;
    private const int Rounds = 2;
    private const int PostgresDispatchers = 4;

    /// <summary>How long the concurrent run's dispatcher waits when it found nothing due (the hosted service waits <c>DispatchOptions.Interval</c>).</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(10);

    /// <summary>Runs the mode; returns 0 when every ratio meets its goal, 1 when one does not. PostgreSQL is skipped, with a note, when not reachable.</summary>
    public static async Task<int> RunAsync()
    {
        var n = DurableFigure.Count(CountVariable, Notifications);
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"Durable: {n:N0} one-message notifications (DueDateReminder, SMS only, an idempotency key each, {Workload.Borrowers} borrowers), wall clock, best of {Rounds}; ratio = library ÷ raw"));
        Console.WriteLine("  same schema (created by the library), same durability: SQLite WAL with synchronous=FULL (DurableCommits), PostgreSQL as the server is set up");
        Console.WriteLine(string.Create(c, $"  notify,   library: INotifier.NotifyManyAsync with all of them (stored in batches of {INotifier.MaxBatchSize}, one store step each)"));
        Console.WriteLine(string.Create(c, $"            raw:     batches of {INotifier.MaxBatchSize}, each one transaction of prepared statements: per notification the profile + contact points SELECT,"));
        Console.WriteLine("                     INSERT of the idempotency key ON CONFLICT DO NOTHING and, when it is new, INSERT of the message row (PostgreSQL: one NpgsqlBatch per kind)");
        Console.WriteLine(string.Create(c, $"  dispatch, library: IMessageDispatcher.DispatchDueAsync, no-op channel, default options (batch {LibraryHost.BatchSize}, {LibraryHost.MaxParallelism} at once, a durable begin-send mark per send)"));
        Console.WriteLine(string.Create(c, $"            raw:     claim {LibraryHost.BatchSize} (UPDATE … RETURNING, one transaction); begin-send mark UPDATE per message, the {LibraryHost.MaxParallelism} sent at once in one transaction;"));
        Console.WriteLine("                     then the claim's Sent UPDATEs (version-checked) in one transaction; until a claim is empty");
        Console.WriteLine(string.Create(c, $"  concurrent: the library's bulk notify and one dispatcher (DispatchDueAsync again {IdleWait.TotalMilliseconds:F0} ms after finding nothing) at once until all are Sent,"));
        Console.WriteLine("              vs the slower of the library's notify and dispatch alone");
        Console.WriteLine(string.Create(c, $"  hosts: SQLite 1; PostgreSQL notifies through 1 and dispatches through {PostgresDispatchers} (one DI container, or one raw data source, each)"));
        Console.WriteLine($"  {MachineLoad.Describe()}");

        return await DurableFigure.OnBothStoresAsync(async (database, postgres) => postgres
            ? await CompareAsync(database, PostgresDispatchers, n, concurrent: false)
            : await CompareAsync(database, dispatchers: 1, n, concurrent: true));
    }

    private static async Task<IReadOnlyList<DurableFigure>> CompareAsync(BenchDatabase database, int dispatchers, int n, bool concurrent)
    {
        await MeasureAsync(async () => await LibraryRun.CreateAsync(database, dispatchers), dispatchers, WarmUpNotifications);
        await MeasureAsync(async () => await BulkRawRun.CreateAsync(database, dispatchers), dispatchers, WarmUpNotifications);

        Rates library = default, raw = default;
        var together = TimeSpan.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            library = library.Best(await MeasureAsync(async () => await LibraryRun.CreateAsync(database, dispatchers), dispatchers, n));
            raw = raw.Best(await MeasureAsync(async () => await BulkRawRun.CreateAsync(database, dispatchers), dispatchers, n));
            if (concurrent)
            {
                var elapsed = await MeasureConcurrentAsync(database, n);
                together = elapsed < together ? elapsed : together;
            }
        }

        var prefix = "durable " + database.Label;
        var figures = new List<DurableFigure>
        {
            new(prefix + " notify", library.Notify / raw.Notify, RatioGoal, $"library {DurableFigure.Rate(library.Notify)}   raw {DurableFigure.Rate(raw.Notify)}"),
            new(prefix + " dispatch", library.Dispatch / raw.Dispatch, RatioGoal, $"library {DurableFigure.Rate(library.Dispatch)}   raw {DurableFigure.Rate(raw.Dispatch)}"),
        };
        if (concurrent)
        {
            var (slower, which) = library.Notify <= library.Dispatch ? (library.Notify, "notify") : (library.Dispatch, "dispatch");
            var rate = n / together.TotalSeconds;
            figures.Add(new(prefix + " concurrent", rate / slower, ConcurrentGoal, $"library at once {DurableFigure.Rate(rate)}   slower alone ({which}) {DurableFigure.Rate(slower)}"));
        }

        foreach (var figure in figures)
        {
            figure.Print();
        }

        return figures;
    }

    /// <summary>On a fresh store: bulk notify of <paramref name="n"/> through host 0, then every host dispatches at once until nothing is due.</summary>
    private static async Task<Rates> MeasureAsync(Func<Task<IBulkRun>> start, int dispatchers, int n)
    {
        await using var run = await start();
        var stopwatch = Stopwatch.StartNew();
        var stored = await run.NotifyManyAsync(n);
        var notified = stopwatch.Elapsed;
        var sent = await Task.WhenAll(Enumerable.Range(0, dispatchers).Select(host => Task.Run(() => run.DispatchAllDueAsync(host))));
        var dispatched = stopwatch.Elapsed - notified;
        return stored == n && sent.Sum() == n
            ? new Rates(n / notified.TotalSeconds, n / dispatched.TotalSeconds)
            : throw new InvalidOperationException($"{stored} of {n} messages were stored and {sent.Sum()} sent: the measurement is void.");
    }

    /// <summary>On a fresh store, one host: bulk notify of <paramref name="n"/> and a dispatcher at once, until all are Sent.</summary>
    private static async Task<TimeSpan> MeasureConcurrentAsync(BenchDatabase database, int n)
    {
        await using var run = await LibraryRun.CreateAsync(database, hosts: 1);
        var stopwatch = Stopwatch.StartNew();
        var notify = Task.Run(() => run.NotifyManyAsync(n));
        var sent = 0;
        while (sent < n && !notify.IsFaulted)
        {
            var now = await run.DispatchAllDueAsync(0);
            sent += now;
            if (now == 0)
            {
                await Task.Delay(IdleWait);
            }
        }

        var stored = await notify;
        stopwatch.Stop();
        return stored == n && sent == n
            ? stopwatch.Elapsed
            : throw new InvalidOperationException($"{stored} of {n} messages were stored and {sent} sent: the measurement is void.");
    }

    /// <summary>Messages per second of each phase.</summary>
    private readonly record struct Rates(double Notify, double Dispatch)
    {
        public Rates Best(Rates other) => new(Math.Max(Notify, other.Notify), Math.Max(Dispatch, other.Dispatch));
    }
}
