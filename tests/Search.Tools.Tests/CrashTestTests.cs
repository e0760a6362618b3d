using Xunit.Abstractions;

namespace Search.Tools.Tests;

/// <summary>The short crash run: three SIGKILLs of a real indexing process (the long one: search-tools crash).</summary>
public sealed class CrashTestTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "search-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Every_acknowledged_document_survives_three_kills_and_indexing_resumes()
    {
        int seed = FuzzTests.Seed("SEARCH_CRASH_SEED", 3);
        var log = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var report = await CrashTest.RunAsync(new CrashOptions(Path.Combine(folder, "index"), Kills: 3, Seed: seed, MaxBatch: 200), log, timeout.Token);
        output.WriteLine(log.ToString());
        Assert.True(report.Failures.Count == 0, $"seed {seed} (set SEARCH_CRASH_SEED to repeat):\n{string.Join("\n", report.Failures.Take(20))}");
        Assert.Equal(3, report.Kills);
        Assert.True(report.LastAcknowledged > 0, "the child never acknowledged a commit");
        Assert.True(report.DocumentsVerified >= report.LastAcknowledged);
    }

    [Fact]
    public void Verification_catches_a_missing_acknowledged_document()
    {
        // The checker itself must be able to fail: an index short of what was acknowledged.
        var index = Path.Combine(folder, "short");
        var docs = new CrashDocuments(5, null);
        using (var w = SearchIndex.Open(index, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero }))
        {
            for (int i = 0; i < 10; i++)
                w.AddOrUpdate(docs.Get(i));
            w.AddOrUpdate(docs.Get(10) with { Body = "tampered" });
        }
        var check = CrashTest.Verify(index, docs, acknowledged: 12);
        Assert.Contains(check.Failures, f => f.Contains("c10 differs"));
        Assert.Contains(check.Failures, f => f.Contains("acknowledged document c11 is missing"));
    }
}
