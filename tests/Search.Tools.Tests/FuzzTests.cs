namespace Search.Tools.Tests;

/// <summary>A few thousand fuzz cases in every test run (the long run: search-tools fuzz --cases 100000).</summary>
public sealed class FuzzTests
{
    /// <summary>
    /// The seed from <paramref name="variable"/>, else a fixed one so every CI run tries the same cases
    /// (new seeds are the long tool run's job: search-tools fuzz --seed N). Printed on failure.
    /// </summary>
    internal static int Seed(string variable, int? fallback = null) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var s) ? s : fallback ?? 20261129;

    [Fact]
    public void Parsers_and_readers_survive_seeded_hostile_input()
    {
        int seed = Seed("SEARCH_FUZZ_SEED");
        // A generous time limit: test runs share the machine with builds and other test projects.
        var report = Fuzzer.Run(seed, cases: 2000, slow: TimeSpan.FromSeconds(15));
        Assert.True(report.Failures.Count == 0,
            $"seed {seed} (set SEARCH_FUZZ_SEED={seed} to repeat; search-tools fuzz --seed {seed}):\n{string.Join("\n", report.Failures.Take(10))}");
        Assert.Equal(2000, report.Total);
        Assert.All(Fuzzer.Targets, t => Assert.Equal(400, report.Cases[t]));
        Assert.True(report.DocumentsIndexed > 0 && report.Rejections > 0, "the mutations produced no documents or no rejections");
    }

    [Fact]
    public void One_seed_gives_the_same_cases()
    {
        // Inputs are a function of (seed, case): two runs of one seed see the same cases.
        var a = Fuzzer.Run(11, cases: 50);
        var b = Fuzzer.Run(11, cases: 50);
        Assert.Equal(a.DocumentsIndexed, b.DocumentsIndexed);
        Assert.Equal(a.Rejections, b.Rejections);
    }
}
