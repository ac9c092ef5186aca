using BenchmarkDotNet.Attributes;

namespace Chorus.Benchmarks.Overhead;

/// <summary>The careful version of the overhead measurement, with BenchmarkDotNet's harness: <c>-- bdn --filter *RunnerOverhead*</c>.</summary>
[MemoryDiagnoser]
public class RunnerOverheadBenchmarks
{
    private readonly PlanRunner _runner = new();
    private Plan<int> _plan = null!;

    [Params(1, 16, 256, 4096)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _plan = OverheadPlans.Create(N);

    [Benchmark]
    public async Task<int> RunPlan() => (await _runner.RunAsync(_plan)).Value;
}
