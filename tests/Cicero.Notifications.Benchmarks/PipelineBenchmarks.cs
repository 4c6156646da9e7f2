using BenchmarkDotNet.Attributes;

namespace Cicero.Notifications.Benchmarks;

/// <summary>Notify + dispatch of 100 notifications (200 messages) against rendering the same templates with bare Scriban.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int Notifications = 100;
    private PipelineScenario _scenario = null!;

    [GlobalSetup]
    public void Setup() => _scenario = new PipelineScenario();

    [GlobalCleanup]
    public void Cleanup() => _scenario.Dispose();

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
