using BenchmarkDotNet.Attributes;
using Search.Benchmarks.Data;
using Search.Benchmarks.Engines;

namespace Search.Benchmarks;

/// <summary>
/// What the search features cost over a plain query, on Search alone: the mid-frequency words of the query set
/// (term_mid) as plain top-10 queries (the baseline), then with facets, snippets, a date and source filter, sorted by
/// date, a deep page, as prefixes (first four letters and *) and as fuzzy terms (~1).
/// </summary>
[BenchmarkCategory("Query")]
[MemoryDiagnoser]
public class FeatureBenchmarks
{
    private string[] words = [];
    private long expected;

    public static IEnumerable<string> Features() => ["facets", "snippets", "filtered", "sort_date", "deep_page", "prefix", "fuzzy"];

    [ParamsSource(nameof(Features))]
    public string Feature { get; set; } = "";

    private static SearchIndex Index => ((SearchEngine)BenchIndexes.Get(Engines.Engines.Search)).Index;

    [GlobalSetup]
    public void Setup()
    {
        words = BenchIndexes.Queries.Where(q => q.Type == "term_mid").Select(q => q.Text).ToArray();
        if (words.Length == 0)
            throw new InvalidOperationException("The query set has no term_mid queries.");
        expected = words.Sum(w => Index.Search(Request(w, "plain")).Total);
        if (expected == 0)
            throw new InvalidOperationException("The term_mid words find nothing.");
        long featured = words.Sum(w => Index.Search(Request(w, Feature)).Total);
        // The features that do not narrow or widen the match keep the totals; the others must still find something.
        if (Feature is "facets" or "snippets" or "sort_date" or "deep_page" ? featured != expected : featured == 0)
            throw new InvalidOperationException($"{Feature}: {featured} hits in all against {expected} for the plain queries.");
    }

    [Benchmark(Baseline = true)]
    public long Plain() => Checks.Equal(words.Sum(w => Index.Search(Request(w, "plain")).Total), expected, "plain");

    [Benchmark]
    public long WithFeature()
    {
        long sum = 0;
        int hits = 0;
        foreach (var w in words)
        {
            var r = Index.Search(Request(w, Feature));
            sum += r.Total;
            hits += r.Hits.Count;
            if (Feature == "facets" && r.Total > 0 && r.Facets["year"].Count + r.Facets["source"].Count == 0)
                throw new InvalidOperationException($"No facet counts for '{w}'.");
        }
        return sum > 0 && (hits > 0 || Feature == "deep_page") ? sum : throw new InvalidOperationException($"{Feature}: nothing found.");
    }

    private static SearchRequest Request(string word, string feature) => feature switch
    {
        "facets" => Base(word) with { IncludeFacets = true },
        "snippets" => Base(word) with { IncludeSnippets = true },
        "filtered" => Base(word) with { FromDate = new DateOnly(1987, 1, 1), ToDate = new DateOnly(2020, 12, 31) },
        "sort_date" => Base(word) with { Sort = SortOrder.Date },
        "deep_page" => Base(word) with { From = 90, Size = 10 },
        "prefix" => Base(word[..Math.Min(4, word.Length)] + "*"),
        "fuzzy" => Base(word + "~1"),
        _ => Base(word),
    };

    private static Req Base(string text) => new() { Query = text };

    /// <summary>A request as a record, so the features can be written as <c>with</c> expressions.</summary>
    private sealed record Req
    {
        public string Query { get; init; } = "";
        public bool IncludeFacets { get; init; }
        public bool IncludeSnippets { get; init; }
        public DateOnly? FromDate { get; init; }
        public DateOnly? ToDate { get; init; }
        public SortOrder Sort { get; init; }
        public int From { get; init; }
        public int Size { get; init; } = 10;

        public static implicit operator SearchRequest(Req r) => new()
        {
            Query = r.Query,
            Syntax = QuerySyntax.Lucene,
            IncludeFacets = r.IncludeFacets,
            IncludeSnippets = r.IncludeSnippets,
            FromDate = r.FromDate,
            ToDate = r.ToDate,
            Sort = r.Sort,
            From = r.From,
            Size = r.Size,
        };
    }
}
