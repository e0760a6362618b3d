using BenchmarkDotNet.Attributes;
using Search.Benchmarks.Data;
using Search.Benchmarks.Engines;

namespace Search.Benchmarks;

/// <summary>
/// The search features of issue 5's list that are not classes of the query set (prefix, fuzzy, a date filter, facets,
/// sort by date, a deep page) and snippets: the mid-frequency words of the query set (term_mid) with the feature, top 10
/// with the exact total, on Search, on the plain StandardAnalyzer Lucene.Net index (the baseline) and on SQLite FTS5,
/// each written as a user of that engine would write it (<see cref="QueryFeature"/>; prefix <c>word*</c> on the first
/// four letters, fuzzy <c>word~1</c>). The same words without a feature are <see cref="QueryBenchmarks"/>' term_mid
/// class; the time is per pass over the words.
/// </summary>
[BenchmarkCategory("Query")]
[MemoryDiagnoser]
public class FeatureBenchmarks
{
    private BenchQuery[] queries = [];
    private QueryFeature feature;
    private readonly Dictionary<string, long> expected = [];

    public static IEnumerable<string> Features() => ["prefix", "fuzzy", "filtered", "facets", "sort_date", "deep_page", "snippets"];

    [ParamsSource(nameof(Features))]
    public string Feature { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var words = BenchIndexes.Queries.Where(q => q.Type == "term_mid").ToArray();
        if (words.Length == 0)
            throw new InvalidOperationException("The query set has no term_mid queries.");
        queries = words.Select(q => Feature switch
        {
            "prefix" => q with { Text = q.Text[..Math.Min(4, q.Text.Length)] + "*" },
            "fuzzy" => q with { Text = q.Text + "~1" },
            _ => q,
        }).ToArray();
        feature = Feature switch
        {
            "filtered" => QueryFeature.Filtered,
            "facets" => QueryFeature.Facets,
            "sort_date" => QueryFeature.SortByDate,
            "deep_page" => QueryFeature.DeepPage,
            "snippets" => QueryFeature.Snippets,
            _ => QueryFeature.None,
        };
        foreach (var name in new[] { Engines.Engines.Standard, Engines.Engines.Search, Engines.Engines.Sqlite })
        {
            var engine = BenchIndexes.Get(name);
            long plain = words.Sum(q => engine.Run(q));
            long featured = queries.Sum(q => engine.Run(q, feature: feature));
            // A feature that orders, pages or decorates keeps every total; a filter narrows them; each must find something.
            bool ok = Feature switch
            {
                "facets" or "sort_date" or "deep_page" or "snippets" => featured == plain,
                "filtered" => featured > 0 && featured <= plain,
                _ => featured > 0,
            };
            if (!ok)
                throw new InvalidOperationException($"{name} {Feature}: {featured} hits in all against {plain} for the plain words.");
            expected[name] = featured;
        }
    }

    [Benchmark(Baseline = true)]
    public long StandardAnalyzer() => Run(Engines.Engines.Standard);

    [Benchmark]
    public long Search() => Run(Engines.Engines.Search);

    [Benchmark]
    public long SqliteFts5() => Run(Engines.Engines.Sqlite);

    private long Run(string name)
    {
        var engine = BenchIndexes.Get(name);
        long sum = 0;
        foreach (var q in queries)
            sum += engine.Run(q, feature: feature);
        return Checks.Equal(sum, expected[name], $"{name} {Feature}: total hits");
    }
}
