using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Cicero.Notifications.Benchmarks;

/// <summary>
/// A quick measurement (well under a minute) that prints CPU µs and bytes per message for the in-memory notify+dispatch
/// pipeline and for a bare Scriban render of the same templates, and their ratio. Not a substitute for the
/// BenchmarkDotNet run; a check that the figures stay in range.
/// </summary>
/// <remarks>
/// <para>Measured like BenchmarkDotNet measures: with the runtime's default JIT (tiered compilation with dynamic PGO, what
/// a host runs in production), after warm-up rounds and a pause that let the JIT finish its optimized code. CPU time
/// rather than wall-clock time, so other work on the machine does not count; the best of interleaved rounds, so a round
/// that caught a garbage collection of the growing store or a busy neighbour does not decide the figure.</para>
/// <para>Each measurement runs in its own process, five times: with dynamic PGO the optimized code, and so the figures,
/// differ from process to process, and this shared machine adds its own noise. The run with the median ratio is the
/// result.</para>
/// </remarks>
internal static class QuickBenchmark
{
    public const string ChildFlag = "--quick-pipeline-child";
    public const double RatioTarget = 3.0;
    public const long BytesPerMessageTarget = 4096;

    private const int Processes = 5;
    private const int Notifications = 10_000;
    private const int Messages = Notifications * 2;
    private const int SteadyBatch = 100;
    private const int WarmUpRounds = 12;
    private const int Rounds = 9;
    private const string ResultPrefix = "QUICK-RESULT ";

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Runs the measurement in <see cref="Processes"/> child processes and prints the median run.</summary>
    /// <returns>0 when the median run is within the targets, else 1.</returns>
    public static async Task<int> RunAsync()
    {
        var runs = new List<Result>();
        for (var i = 0; i < Processes; i++)
        {
            runs.Add(await RunChildAsync());
        }

        var median = runs.OrderBy(r => r.Ratio).ElementAt(runs.Count / 2);
        Console.WriteLine("Cicero.Notifications quick benchmark (in-memory store, SMS + e-mail, no-op channels; CPU time)");
        Console.WriteLine(string.Create(C, $"  default JIT (tiered, dynamic PGO); per process {WarmUpRounds} warm-up rounds, then the best of {Rounds} interleaved rounds"));
        Console.WriteLine(string.Create(C, $"  ratio per process    {string.Join("  ", runs.Select(r => r.Ratio.ToString("F2", C)))}; the median run:"));
        Console.WriteLine(string.Create(C, $"  notify+dispatch      {median.PipelineUs,8:F2} µs/message  {median.PipelineBytes,8:F0} B/message  ({Messages} messages)"));
        Console.WriteLine(string.Create(C, $"    of which notify    {median.NotifyUs,8:F2} µs/message  {median.NotifyBytes,8:F0} B/message"));
        Console.WriteLine(string.Create(C, $"    of which dispatch  {median.DispatchUs,8:F2} µs/message  {median.DispatchBytes,8:F0} B/message"));
        Console.WriteLine(string.Create(C, $"  bare Scriban render  {median.BareUs,8:F2} µs/message  {median.BareBytes,8:F0} B/message  (same templates, reused context)"));
        Console.WriteLine(string.Create(C, $"  ratio                {median.Ratio,8:F2}  (target <= {RatioTarget:F1}, goal 1.5)"));
        var steady = runs.Select(r => r.Steady!).OrderBy(r => r.Ratio).ElementAt(runs.Count / 2);
        Console.WriteLine(string.Create(C, $"  steady state ({SteadyBatch} notifications, then dispatch, repeated), ratio per process {string.Join("  ", runs.Select(r => r.Steady!.Ratio.ToString("F2", C)))}; the median run:"));
        Console.WriteLine(string.Create(C, $"  notify+dispatch      {steady.PipelineUs,8:F2} µs/message  {steady.PipelineBytes,8:F0} B/message  (notify {steady.NotifyUs:F2}, dispatch {steady.DispatchUs:F2}); ratio {steady.Ratio:F2}"));
        Console.WriteLine(string.Create(C, $"  memory               {median.PipelineBytes,8:F0} B/message (target <= {BytesPerMessageTarget})"));
        var ok = median.Ratio <= RatioTarget && median.PipelineBytes <= BytesPerMessageTarget;
        Console.WriteLine(ok ? "  within targets" : "  OUTSIDE TARGETS");
        return ok ? 0 : 1;
    }

    /// <summary>One measurement, in this process: prints one result line for the parent.</summary>
    /// <returns>0.</returns>
    public static async Task<int> MeasureAsync()
    {
        // Every round gets a fresh library (an empty in-memory store), all set up now: a new DI container compiles new
        // code, and new code keeps the tiered JIT from promoting what is already hot, which used to leave some processes
        // measuring half-optimized code.
        var scenarios = new Queue<PipelineScenario>(Enumerable.Range(0, WarmUpRounds + (2 * Rounds)).Select(_ => new PipelineScenario()));

        // Warm-up: every path runs often enough for the tiered JIT to replace it with optimized code, and the pause lets
        // its background compilations finish before anything is measured.
        for (var round = 0; round < WarmUpRounds; round++)
        {
            using var scenario = scenarios.Dequeue();
            await scenario.NotifyAndDispatchAsync(Notifications);
            await SteadyAsync(scenario, Notifications / 10);
            RenderBare(scenario);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));

        // Interleaved rounds, best of each, each round on a fresh library (an empty in-memory store).
        (TimeSpan Elapsed, long Bytes) notify = (TimeSpan.MaxValue, 0), dispatch = (TimeSpan.MaxValue, 0), bare = (TimeSpan.MaxValue, 0);
        (TimeSpan Elapsed, long Bytes) steadyNotify = (TimeSpan.MaxValue, 0), steadyDispatch = (TimeSpan.MaxValue, 0);
        for (var round = 0; round < Rounds; round++)
        {
            using var scenario = scenarios.Dequeue();
            await scenario.NotifyAndDispatchAsync(500);
            notify = Best(notify, await MeasureAsync(() => scenario.NotifyAsync(Notifications)));
            dispatch = Best(dispatch, await MeasureAsync(() => scenario.Dispatcher.DispatchDueAsync()));
            bare = Best(bare, await MeasureAsync(() =>
            {
                RenderBare(scenario);
                return Task.CompletedTask;
            }));

            using var steady = scenarios.Dequeue();
            await steady.NotifyAndDispatchAsync(500);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var (n, d) = await SteadyAsync(steady, Notifications);
            steadyNotify = Best(steadyNotify, n);
            steadyDispatch = Best(steadyDispatch, d);
        }

        Console.WriteLine(string.Create(C, $"{ResultPrefix}{PerMessage(notify.Elapsed)} {PerMessage(dispatch.Elapsed)} {PerMessage(bare.Elapsed)} {notify.Bytes / Messages} {dispatch.Bytes / Messages} {bare.Bytes / Messages} {PerMessage(steadyNotify.Elapsed)} {PerMessage(steadyDispatch.Elapsed)} {steadyNotify.Bytes / Messages} {steadyDispatch.Bytes / Messages}"));
        return 0;
    }

    /// <summary>
    /// Steady state, as a host runs: <see cref="SteadyBatch"/> notifications, then a dispatch of what they created, over and
    /// over; CPU time and bytes of the notifies and of the dispatches, summed.
    /// </summary>
    private static async Task<((TimeSpan, long) Notify, (TimeSpan, long) Dispatch)> SteadyAsync(PipelineScenario scenario, int notifications)
    {
        (TimeSpan Elapsed, long Bytes) notify = (TimeSpan.Zero, 0), dispatch = (TimeSpan.Zero, 0);
        for (var done = 0; done < notifications; done += SteadyBatch)
        {
            notify = Add(notify, await CpuAsync(() => scenario.NotifyAsync(SteadyBatch)));
            dispatch = Add(dispatch, await CpuAsync(() => scenario.Dispatcher.DispatchDueAsync()));
        }

        return (notify, dispatch);

        static (TimeSpan, long) Add((TimeSpan Elapsed, long Bytes) a, (TimeSpan Elapsed, long Bytes) b) => (a.Elapsed + b.Elapsed, a.Bytes + b.Bytes);
    }

    private static async Task<(TimeSpan Elapsed, long Bytes)> CpuAsync(Func<Task> action)
    {
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        await action();
        return (Environment.CpuUsage.TotalTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - bytes);
    }

    private static string PerMessage(TimeSpan elapsed) => (elapsed.TotalMicroseconds / Messages).ToString("R", C);

    private static void RenderBare(PipelineScenario scenario)
    {
        for (var i = 0; i < Notifications; i++)
        {
            scenario.RenderBare(i);
        }
    }

    private static async Task<Result> RunChildAsync()
    {
        // The same program again: "dotnet <this dll>" when run through the dotnet host, else its own executable.
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add(ChildFlag);
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The measuring process exited with {child.ExitCode} without a result:\n{output}");
        var v = line[ResultPrefix.Length..].Split(' ');
        return new Result(double.Parse(v[0], C), double.Parse(v[1], C), double.Parse(v[2], C), long.Parse(v[3], C), long.Parse(v[4], C), long.Parse(v[5], C))
        {
            Steady = new Result(double.Parse(v[6], C), double.Parse(v[7], C), double.Parse(v[2], C), long.Parse(v[8], C), long.Parse(v[9], C), long.Parse(v[5], C)),
        };
    }

    private static (TimeSpan Elapsed, long Bytes) Best((TimeSpan Elapsed, long Bytes) a, (TimeSpan Elapsed, long Bytes) b)
        => a.Elapsed <= b.Elapsed ? a : b;

    private static async Task<(TimeSpan Elapsed, long Bytes)> MeasureAsync(Func<Task> action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        await action();
        return (Environment.CpuUsage.TotalTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - bytes);
    }

    private sealed record Result(double NotifyUs, double DispatchUs, double BareUs, long NotifyBytes, long DispatchBytes, long BareBytes)
    {
        /// <summary>Gets the same library measured in steady state (batches of notifications, each dispatched).</summary>
        public Result? Steady { get; init; }

        public double PipelineUs => NotifyUs + DispatchUs;

        public long PipelineBytes => NotifyBytes + DispatchBytes;

        public double Ratio => PipelineUs / BareUs;
    }
}
