using BenchmarkDotNet.Attributes;
using Search.Benchmarks.Data;
using Search.Benchmarks.Engines;

namespace Search.Benchmarks;

/// <summary>
/// The cost of name expansion: the names of the query set typed into the search box (where variants, folding and
/// transliteration are added) against the plain term query for the same words (Lucene syntax: the English field
/// only), and against exact spelling. Latin names, Arabic-script names and quoted multi-word names apart.
/// </summary>
[BenchmarkCategory("Names")]
[MemoryDiagnoser]
public class NameBenchmarks
{
    private BenchQuery[] queries = [];
    private long expectedPlain, expectedExpanded, expectedExact;

    public static IEnumerable<string> Sets() => ["latin", "arabic_script", "quoted"];

    [ParamsSource(nameof(Sets))]
    public string NameSet { get; set; } = "";

    private SearchEngine Engine => (SearchEngine)BenchIndexes.Get(Engines.Engines.Search);

    [GlobalSetup]
    public void Setup()
    {
        queries = BenchIndexes.Queries.Where(q => q.Type == "name" && Set(q.Text) == NameSet).ToArray();
        if (queries.Length == 0)
            throw new InvalidOperationException($"No name queries of the set {NameSet}.");
        expectedPlain = Checks.Totals(Engine, queries, "plain");
        expectedExpanded = Checks.Totals(Engine, queries, "expanded", searchBox: true);
        expectedExact = queries.Sum(q => Engine.Index.Search(Exact(q)).Total);
        Checks.SearchFindsWhatStandardFinds(queries, searchBox: true);
        // Expansion only adds spellings: it finds at least what the plain term query finds.
        if (expectedExpanded < expectedPlain && BenchIndexes.FullCorpus)
            throw new InvalidOperationException($"Expanded names find {expectedExpanded}, fewer than the plain terms ({expectedPlain}).");
    }

    [Benchmark(Baseline = true)]
    public long PlainTerm() => Checks.Equal(queries.Sum(q => Engine.Run(q)), expectedPlain, "plain");

    [Benchmark]
    public long Expanded() => Checks.Equal(queries.Sum(q => Engine.Run(q, searchBox: true)), expectedExpanded, "expanded");

    [Benchmark]
    public long ExactSpelling() => Checks.Equal(queries.Sum(q => Engine.Index.Search(Exact(q)).Total), expectedExact, "exact");

    private SearchRequest Exact(BenchQuery q) => new()
    {
        Query = q.Text,
        ExactSpelling = true,
        Size = 10,
        IncludeFacets = false,
        IncludeSnippets = false,
    };

    private static string Set(string text) =>
        text.StartsWith('"') ? "quoted" : text.Any(c => c > 0x7F) ? "arabic_script" : "latin";
}
