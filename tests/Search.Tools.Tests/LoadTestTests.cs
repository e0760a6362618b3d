using Xunit.Abstractions;

namespace Search.Tools.Tests;

/// <summary>
/// The short load run: the real search serve over 150 documents of the bundled sample, 8 clients, 300 requests,
/// a writer committing as it goes (the long run: search-tools load on the whole corpus). Asserts what must hold
/// on any machine, never how fast.
/// </summary>
public sealed class LoadTestTests(ITestOutputHelper output)
{
    private static string Repo(params string[] path) =>
        SearchCli.InRepository(path) ?? throw new InvalidOperationException($"{Path.Combine(path)} is not in this clone.");

    [Fact]
    public async Task Clients_and_a_writer_get_no_error_and_every_acknowledged_write_survives_a_kill()
    {
        var log = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var report = await LoadTest.RunAsync(new LoadOptions
        {
            Corpus = Repo("index-data", "docs"),
            Sample = 150,
            Queries = Repo("benchmarks", "Search.Benchmarks", "Data", "queries.tsv"),
            Clients = 8,
            Requests = 300,
            MaxDuration = TimeSpan.FromMinutes(3),
            WriteBatch = 5,
            CommitEvery = 3,
        }, log, timeout.Token);
        output.WriteLine(log.ToString());

        Assert.True(report.Ok, string.Join("\n", report.Failures.Take(20)));
        Assert.Equal(150, report.IndexDocuments);
        Assert.Equal(0, report.Overall.Errors);
        Assert.Equal(report.RequestsDone, report.Overall.Count);
        Assert.True(report.RequestsDone > 0);
        Assert.Contains("page", report.Classes.Keys);
        Assert.Contains("suggest", report.Classes.Keys);
        Assert.Contains("name", report.Classes.Keys);
        var w = report.Writes;
        Assert.True(w.Acknowledged > 0, "the writer had no add acknowledged");
        Assert.Equal(0, w.FailedBatches);
        Assert.Equal(150 + w.Acknowledged, w.DocumentsAfter);
        Assert.Equal(w.Acknowledged, w.MarkerHits);
        Assert.Equal(w.Acknowledged, w.Fetched);
        Assert.Equal(w.DocumentsAfter, w.DocumentsAfterRestart);
        Assert.Equal(w.Acknowledged, w.MarkerHitsAfterRestart);
    }

    [Fact]
    public void Requests_mix_the_query_classes_the_page_and_completions_by_seed()
    {
        var queries = LoadTest.ReadQueries(Repo("benchmarks", "Search.Benchmarks", "Data", "queries.tsv"));
        var requests = Enumerable.Range(0, 2000).Select(i => LoadTest.RequestFor(1, i, queries)).ToList();
        Assert.Equal(12 + 2, requests.Select(r => r.Class).Distinct().Count());
        Assert.InRange(requests.Count(r => r.Class == "page"), 50, 150);
        Assert.All(requests, r => Assert.StartsWith(
            r.Class switch { "page" => "/search?syntax=lucene&q=", "suggest" => "/api/suggest?q=", _ => "/api/search?syntax=lucene&q=" }, r.Path));
        Assert.Equal(LoadTest.RequestFor(1, 7, queries), LoadTest.RequestFor(1, 7, queries));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        Assert.Equal(50, Latencies.Percentile(values, 0.50));
        Assert.Equal(99, Latencies.Percentile(values, 0.99));
        Assert.Equal(7, Latencies.Percentile([7], 0.99));
    }
}
