using BenchmarkDotNet.Attributes;

namespace Cicero.Notifications.Benchmarks;

/// <summary>Notify + dispatch of 100 notifications (200 messages) against rendering the same templates with bare Scriban.</summary>
/// <remarks>
/// Each iteration starts on a fresh library and runs 100 invocations: 20 000 messages, as one round of the quick mode.
/// One library for the whole run would keep every message of every invocation in its in-memory store (millions), and
/// the figure would then mostly be the garbage collector walking that ever-growing store.
/// Forty warm-up iterations: BenchmarkDotNet's own warm-up stops once iterations are steady, and with a new container
/// every iteration they are steady for a while before the tiered JIT has promoted the hot code (about 300 µs against
/// about 200 µs after), so without it the first workload iterations measured half-optimized code.
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(Invocations)]
[WarmupCount(40)]
public class PipelineBenchmarks
{
    private const int Invocations = 100;
    private const int Notifications = 100;
    private PipelineScenario _scenario = null!;

    [IterationSetup(Target = nameof(NotifyAndDispatch))]
    public void FreshLibrary()
    {
        _scenario?.Dispose();
        _scenario = new PipelineScenario();
    }

    [GlobalSetup(Target = nameof(BareRender))]
    public void Setup() => _scenario = new PipelineScenario();

    [GlobalCleanup]
    public void Cleanup() => _scenario?.Dispose();

    [Benchmark(Description = "notify+dispatch, 200 messages")]
    public Task NotifyAndDispatch() => _scenario.NotifyAndDispatchAsync(Notifications);

    [Benchmark(Baseline = true, Description = "bare Scriban render, same templates x100")]
    public int BareRender()
    {
        var total = 0;
        for (var i = 0; i < Notifications; i++)
        {
            total += _scenario.RenderBare(i);
        }

        return total;
    }
}
