using BenchmarkDotNet.Running;
using Cicero.Notifications.Benchmarks;

if (args.Contains("--quick"))
{
    return await QuickBenchmark.RunAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
return 0;
