using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Search.Benchmarks.Data;
using Search.Benchmarks.SideBySide;

namespace Search.Benchmarks;

/// <summary>
/// Runs the benchmarks. <c>side-by-side …</c> runs the harness outside BenchmarkDotNet (see
/// <see cref="SideBySideOptions.Usage"/>); <c>indexing-profile</c>, <c>query-profile</c> and <c>name-profile</c> break the time down;
/// <c>search-load</c> measures searches per second with several clients on a built index;
/// <c>prepare</c> builds the cached indexes of the query classes. <c>--dry</c> runs each BenchmarkDotNet benchmark once in process on the
/// bundled sample (CI uses it so they never rot); every other argument goes to BenchmarkDotNet (<c>--filter</c>,
/// <c>--anyCategories</c>, <c>--job short</c>…). Exits non-zero when any benchmark fails or fails its own result check.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "side-by-side")
            return SideBySideRunner.Run(args[1..]);
        if (args.Length > 0 && args[0] == "prepare")
        {
            // Builds the cached indexes the query classes search, so no benchmark process spends minutes in its setup
            // (BenchmarkDotNet's in-process toolchain gives up on a benchmark that takes too long).
            foreach (var engine in new[] { Engines.Engines.Search, Engines.Engines.Standard, Engines.Engines.Sqlite })
                Console.WriteLine($"{engine}: {BenchIndexes.CachedFolder(engine)}");
            return 0;
        }
        if (args.Length > 0 && args[0] == "query-profile")
            return QueryProfile.Run(args[1..]);
        if (args.Length > 0 && args[0] == "name-profile")
            return NameProfile.Run(args[1..]);
        if (args.Length > 0 && args[0] == "index-digest")
            return SideBySide.IndexDigest.Run(args.Skip(1).ToList());
        if (args.Length > 0 && args[0] == "indexing-profile")
            return IndexingProfile.Run(args[1..]);
        if (args.Length > 0 && args[0] == "search-load")
            return SearchLoad.Run(args[1..]);

        IConfig config = DefaultConfig.Instance;
        if (args.Contains("--dry"))
        {
            args = args.Where(a => a != "--dry").ToArray();
            if (!args.Contains("--filter"))
                args = [.. args, "--filter", "*"];
            // The benchmark classes read this (in process, and in any child process BenchmarkDotNet starts).
            Environment.SetEnvironmentVariable(BenchData.DryVariable, "1");
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
