using System.Globalization;

namespace Cicero.Notifications.Benchmarks;

/// <summary>
/// A quick, in-process measurement (well under a minute) that prints CPU µs and bytes per message for the in-memory
/// notify+dispatch pipeline and for a bare Scriban render of the same templates, and their ratio. Not a substitute for
/// the BenchmarkDotNet run; a check that the figures stay in range.
/// </summary>
/// <remarks>
/// Measured like BenchmarkDotNet measures: with the runtime's default JIT (tiered compilation with dynamic PGO, what a
/// host runs in production), after warm-up rounds and a pause that let the JIT finish its optimized code. CPU time
/// rather than wall-clock time, so other work on the machine does not count; the best of interleaved rounds, so a
/// round that caught a garbage collection of the growing store or a busy neighbour does not decide the figure.
/// </remarks>
internal static class QuickBenchmark
{
    public const double RatioTarget = 3.0;
    public const long BytesPerMessageTarget = 4096;

    public static async Task<int> RunAsync()
    {
        const int notifications = 10_000;
        const int messages = notifications * 2;
        const int warmUpRounds = 4;
        const int rounds = 9;

        // Warm-up: every path runs often enough for the tiered JIT to replace it with optimized code, and the pause lets
        // its background compilations finish before anything is measured.
        for (var round = 0; round < warmUpRounds; round++)
        {
            using var scenario = new PipelineScenario();
            await scenario.NotifyAndDispatchAsync(notifications);
            for (var i = 0; i < notifications; i++)
            {
                scenario.RenderBare(i);
            }
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));

        // Interleaved rounds, best of each, each round on a fresh library (an empty in-memory store).
        (TimeSpan Elapsed, long Bytes) notify = (TimeSpan.MaxValue, 0), dispatch = (TimeSpan.MaxValue, 0), bare = (TimeSpan.MaxValue, 0);
        for (var round = 0; round < rounds; round++)
        {
            using var scenario = new PipelineScenario();
            await scenario.NotifyAndDispatchAsync(500);
            notify = Best(notify, await MeasureAsync(() => scenario.NotifyAsync(notifications)));
            dispatch = Best(dispatch, await MeasureAsync(() => scenario.Dispatcher.DispatchDueAsync()));
            bare = Best(bare, await MeasureAsync(() =>
            {
                for (var i = 0; i < notifications; i++)
                {
                    scenario.RenderBare(i);
                }

                return Task.CompletedTask;
            }));
        }

        var pipeline = (Elapsed: notify.Elapsed + dispatch.Elapsed, Bytes: notify.Bytes + dispatch.Bytes);
        var pipelineUs = pipeline.Elapsed.TotalMicroseconds / messages;
        var pipelineBytes = pipeline.Bytes / (double)messages;
        var bareUs = bare.Elapsed.TotalMicroseconds / messages;
        var bareBytes = bare.Bytes / (double)messages;
        var ratio = pipelineUs / bareUs;

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine("Cicero.Notifications quick benchmark (in-memory store, SMS + e-mail, no-op channels; CPU time)");
        Console.WriteLine(string.Create(c, $"  default JIT (tiered, dynamic PGO) after {warmUpRounds} warm-up rounds; best of {rounds} interleaved rounds"));
        Console.WriteLine(string.Create(c, $"  notify+dispatch      {pipelineUs,8:F2} µs/message  {pipelineBytes,8:F0} B/message  ({messages} messages)"));
        Console.WriteLine(string.Create(c, $"    of which notify    {notify.Elapsed.TotalMicroseconds / messages,8:F2} µs/message  {notify.Bytes / (double)messages,8:F0} B/message"));
        Console.WriteLine(string.Create(c, $"    of which dispatch  {dispatch.Elapsed.TotalMicroseconds / messages,8:F2} µs/message  {dispatch.Bytes / (double)messages,8:F0} B/message"));
        Console.WriteLine(string.Create(c, $"  bare Scriban render  {bareUs,8:F2} µs/message  {bareBytes,8:F0} B/message  (same templates, reused context)"));
        Console.WriteLine(string.Create(c, $"  ratio                {ratio,8:F2}  (target <= {RatioTarget:F1}, goal 1.5)"));
        Console.WriteLine(string.Create(c, $"  memory               {pipelineBytes,8:F0} B/message (target <= {BytesPerMessageTarget})"));
        var ok = ratio <= RatioTarget && pipelineBytes <= BytesPerMessageTarget;
        Console.WriteLine(ok ? "  within targets" : "  OUTSIDE TARGETS");
        return ok ? 0 : 1;
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
}
