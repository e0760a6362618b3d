using BenchmarkDotNet.Attributes;
using Search.Benchmarks.Data;
using Search.Benchmarks.Engines;

namespace Search.Benchmarks;

/// <summary>
/// Query latency per class of the query set (term_freq, term_rare, and2, or2, phrase2, name, …): every query of the
/// class once, top 10 with the exact total, on an index of the whole benchmark corpus; Search against the plain
/// StandardAnalyzer Lucene.Net index (the baseline) and SQLite FTS5, the same queries. The time is per query.
/// </summary>
[BenchmarkCategory("Query")]
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private BenchQuery[] queries = [];
    private readonly Dictionary<string, long> expected = [];

    /// <summary>The query classes of the query set.</summary>
    public static IEnumerable<string> Classes() => BenchIndexes.Queries.Select(q => q.Type).Distinct();

    [ParamsSource(nameof(Classes))]
    public string QueryClass { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        queries = BenchIndexes.Queries.Where(q => q.Type == QueryClass).ToArray();
        foreach (var engine in new[] { Engines.Engines.Standard, Engines.Engines.Search, Engines.Engines.Sqlite })
            expected[engine] = Checks.Totals(BenchIndexes.Get(engine), queries, engine);
        Checks.SearchFindsWhatStandardFinds(queries);
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
            sum += engine.Run(q);
        return Checks.Equal(sum, expected[name], $"{name} {QueryClass}: total hits");
    }
}

/// <summary>The result checks the benchmarks share, so a broken index or analyzer cannot post a fast number.</summary>
internal static class Checks
{
    /// <summary>The sum of the totals; throws when the class finds nothing, or (on the full corpus) when any query finds nothing.</summary>
    public static long Totals(IBenchEngine engine, IReadOnlyList<BenchQuery> queries, string what, bool searchBox = false)
    {
        long sum = 0;
        foreach (var q in queries)
        {
            long total = engine.Run(q, searchBox);
            // Every query was drawn from the full corpus: there, Search must find each one.
            if (total == 0 && BenchIndexes.FullCorpus && engine is SearchEngine)
                throw new InvalidOperationException($"{what}: {q.Id} ({q.Text}) found nothing on the corpus it was drawn from.");
            sum += total;
        }
        return sum;
    }

    /// <summary>Search (stemming, folding, name layers) finds something wherever plain StandardAnalyzer does.</summary>
    public static void SearchFindsWhatStandardFinds(IReadOnlyList<BenchQuery> queries, bool searchBox = false)
    {
        var standard = BenchIndexes.Get(Engines.Engines.Standard);
        var search = BenchIndexes.Get(Engines.Engines.Search);
        foreach (var q in queries)
            if (standard.Run(q) > 0 && search.Run(q, searchBox) == 0)
                throw new InvalidOperationException($"Search finds nothing for {q.Id} ({q.Text}) where StandardAnalyzer finds {standard.Run(q)}.");
    }

    public static long Equal(long actual, long expected, string what) =>
        actual == expected ? actual : throw new InvalidOperationException($"{what}: {actual}, expected {expected}.");
}
