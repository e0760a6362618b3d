using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Search.Benchmarks;

/// <summary>
/// Runs the benchmarks. <c>--dry</c> runs each once in process (CI uses it so they never rot); every other
/// argument goes to BenchmarkDotNet (<c>--filter</c>, <c>--anyCategories</c>, <c>--job short</c>…).
/// Exits non-zero when any benchmark fails or fails its own result check.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        IConfig config = DefaultConfig.Instance;
        if (args.Contains("--dry"))
        {
            args = args.Where(a => a != "--dry").ToArray();
            if (!args.Contains("--filter"))
                args = [.. args, "--filter", "*"];
            config = ManualConfig.Create(DefaultConfig.Instance)
                .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
                .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
        // BenchmarkDotNet exits 0 even when it refuses to run or a benchmark throws: say so ourselves.
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success) || s.Reports.Length == 0);
        if (failed)
            Console.Error.WriteLine("A benchmark failed or did not run; see the log above.");
        return failed ? 1 : 0;
    }
}
