using BenchmarkDotNet.Running;
using Cicero.Notifications.Benchmarks;
using Cicero.Notifications.Benchmarks.Big;
using Cicero.Notifications.Benchmarks.Durable;
using Cicero.Notifications.Benchmarks.Stores;

const string Help = """
    Cicero.Notifications benchmarks (dotnet run -c Release --project tests/Cicero.Notifications.Benchmarks -- FLAGS)

      --quick         The in-memory pipeline against bare Scriban (CPU time per message; five processes, the median
                      run; ~25 s), then the store section: messages/s
                      notified + dispatched through the library on SQLite (1 host) and on PostgreSQL (1 and 4 hosts),
                      each next to the bare driver running the same SQL in the same run, and the ratio (goal >= 0.5).
                      Wall clock, best of 2, 5,000 notifications each; about 15 s, and 40 s more with PostgreSQL.
                      PostgreSQL runs when CICERO_POSTGRES reaches a server; otherwise a note says how to start one.
      --quick-stores  Only the store section; PostgreSQL is required (exit code 2 without it).
      --big           Opt-in, about 5 minutes: 1,000,000 messages seeded with the bare driver (SQLite: one
                      transaction; PostgreSQL: COPY), then through the library the borrower list's p50/p99 (first page
                      of 50 and a deep page via continuation) and anonymization of all of them in batches of 1,000
                      with time and peak memory; SQLite first, then PostgreSQL (exit code 2 without it).
      --durable       A nightly run on durable stores, the library next to the bare driver doing the same writes (same run, same
                      schema, same durability: SQLite WAL with synchronous=FULL; PostgreSQL as the server is set up). Prints
                      "durable sqlite notify|dispatch|concurrent ratio R" and "durable postgresql notify|dispatch ratio R" with
                      each side's msg/s: bulk notify (NotifyManyAsync) of 20,000 one-message notifications vs prepared INSERTs in
                      transactions of 500; dispatch (no-op channel; PostgreSQL: 4 hosts) vs claim + begin-send marks + outcomes
                      in one transaction per claim; SQLite notify and dispatch at once vs the slower alone. Goals: 0.5, 0.5,
                      0.8. Best of 2; about 1 minute, and 1 more with PostgreSQL (skipped with a note without it).
                      CICERO_DURABLE_NOTIFICATIONS=N sets another count (for short trial runs).
      --durable-anonymize
                      Opt-in, about 10 minutes: "durable sqlite|postgresql anonymize ratio R" with the seconds: 1,000,000
                      messages seeded as --big, anonymized through the library vs one set-based UPDATE per batch of 1,000
                      (goal 0.5). CICERO_DURABLE_ANONYMIZE_MESSAGES=N sets another count.
      (no flag)       The BenchmarkDotNet suite (PipelineBenchmarks); BenchmarkDotNet's own arguments pass through.

    Flags combine (--quick --big, --durable --durable-anonymize). PostgreSQL: CICERO_POSTGRES is an admin connection string; every run creates a
    database cicero_bench_<random> and drops it at the end. To start a throw-away server for one run:
      bash -c 'source .ci/services.sh && dotnet run -c Release --project tests/Cicero.Notifications.Benchmarks -- --quick'
    Exit code: 0 when every figure is within its target or goal, 1 when one is not, 2 when PostgreSQL was required
    but not reachable.
    """;

if (args.Contains("-h") || args.Contains("--help"))
{
    Console.WriteLine(Help);
    return 0;
}

if (args.Contains(QuickBenchmark.ChildFlag))
{
    return await QuickBenchmark.MeasureAsync();
}

var quick = args.Contains("--quick");
var quickStores = args.Contains("--quick-stores");
var big = args.Contains("--big");
var durable = args.Contains("--durable");
var durableAnonymize = args.Contains("--durable-anonymize");
if (!quick && !quickStores && !big && !durable && !durableAnonymize)
{
    BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
    return 0;
}

var exitCode = 0;
if (quick)
{
    exitCode = Math.Max(exitCode, await QuickBenchmark.RunAsync());
    Console.WriteLine();
}

if (quick || quickStores)
{
    exitCode = Math.Max(exitCode, await StoreBenchmark.RunAsync(requirePostgres: quickStores));
    Console.WriteLine();
}

if (big)
{
    exitCode = Math.Max(exitCode, await BigBenchmark.RunAsync());
    Console.WriteLine();
}

if (durable)
{
    exitCode = Math.Max(exitCode, await DurableBenchmark.RunAsync());
    Console.WriteLine();
}

if (durableAnonymize)
{
    exitCode = Math.Max(exitCode, await DurableAnonymization.RunAsync());
}

return exitCode;
