using Lucene.Net.Analysis.Standard;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Benchmarks.Data;
using Search.Querying;
using Search.Results;

namespace Search.Benchmarks.SideBySide;

/// <summary>
/// <c>query-profile</c>: where a Search query's time goes, phase by phase, against the StandardAnalyzer baseline,
/// on the cached benchmark indexes (see <see cref="BenchIndexes"/>; built on first use): planning (parse, analysis,
/// match plan), the Lucene search with a plain top-10 collector, the same with Search's collector, fetching the hits,
/// and the whole <see cref="SearchIndex.Search"/>. Median microseconds per query over the query set, warm; the phases
/// take turns query by query.
/// <c>--passes N</c> (default 20).
/// </summary>
internal static class QueryProfile
{
    public static int Run(IReadOnlyList<string> args)
    {
        int passes = args.Count >= 2 && args[0] == "--passes" ? int.Parse(args[1]) : 20;
        if (args.Count >= 2 && args[0] == "--show")
        {
            // Prints the Lucene query each engine runs for one query text.
            using var r = DirectoryReader.Open(new NIOFSDirectory(BenchIndexes.CachedFolder(Engines.Engines.Search)));
            var q = new BenchQuery("show", "show", args[1]);
            Console.WriteLine($"search:   {new QueryPlanner(1024).Plan(Req(q), r).Query}");
            Console.WriteLine($"standard: {Parse(new StandardAnalyzer(LuceneVersion.LUCENE_48), q)}");
            return 0;
        }
        var queries = BenchIndexes.Queries;
        var searchFolder = BenchIndexes.CachedFolder(Engines.Engines.Search);
        var standardFolder = BenchIndexes.CachedFolder(Engines.Engines.Standard);

        using var sDir = new NIOFSDirectory(searchFolder);
        using var sReader = DirectoryReader.Open(sDir);
        var sSearcher = new IndexSearcher(sReader) { Similarity = new BM25Similarity() };
        using var tDir = new NIOFSDirectory(standardFolder);
        using var tReader = DirectoryReader.Open(tDir);
        var tSearcher = new IndexSearcher(tReader) { Similarity = new BM25Similarity() };
        var planner = new QueryPlanner(1024);
        var analyzer = new StandardAnalyzer(LuceneVersion.LUCENE_48);
        using var index = SearchIndex.Open(searchFolder, new SearchIndexOptions { ReadOnly = true });
        var hitFields = new HashSet<string> { "id", "title", "date", "source", "url" };

        var phases = new (string Name, Func<BenchQuery, long> Run)[]
        {
            ("search: plan (parse + analysis + match plan)", q => planner.Plan(Req(q), sReader).Query is null ? 0 : 1),
            ("search: Lucene search, TopScoreDocCollector", q => TopDocs(sSearcher, planner.Plan(Req(q), sReader).Query).TotalHits),
            ("search: Lucene search, SearchCollector", q =>
            {
                var top = TopScoreDocCollector.Create(10, docsScoredInOrder: false);
                var c = new SearchCollector(top, countFacets: false, CancellationToken.None);
                sSearcher.Search(planner.Plan(Req(q), sReader).Query, c);
                return c.TotalHits;
            }),
            ("search: + fetch 10 hits (no body)", q =>
            {
                var td = TopDocs(sSearcher, planner.Plan(Req(q), sReader).Query);
                foreach (var sd in td.ScoreDocs)
                    _ = sSearcher.Doc(sd.Doc, hitFields);
                return td.TotalHits;
            }),
            ("search: SearchIndex.Search (whole)", q => index.Search(Req(q)).Total),
            ("standard: parse", q => Parse(analyzer, q) is null ? 0 : 1),
            ("standard: parse + Lucene search", q => TopDocs(tSearcher, Parse(analyzer, q)).TotalHits),
            ("standard: + fetch 10 hits (id, title)", q =>
            {
                var td = TopDocs(tSearcher, Parse(analyzer, q));
                foreach (var sd in td.ScoreDocs)
                    _ = tSearcher.Doc(sd.Doc, new HashSet<string> { "id", "title" });
                return td.TotalHits;
            }),
        };

        Console.WriteLine($"{queries.Count} queries, {passes} passes after 5 warm-up passes, the phases taking turns query by query; median µs{(ThreadCpu.Available ? " of thread CPU time" : "")} per query, then the sum of the per-query medians in ms");
        var types = queries.Select(q => q.Type).Distinct().ToList();
        var samples = PhaseSamples.Measure(queries, phases, warmups: 5, passes);
        for (int k = 0; k < phases.Length; k++)
        {
            var medians = queries.ToDictionary(q => q.Id, q => LatencySamples.Percentile(samples[k][q.Id], 50));
            var all = medians.Values.ToList();
            Console.WriteLine($"{phases[k].Name,-46} p50 {LatencySamples.Percentile(all, 50),8:F1}  sum {all.Sum() / 1000,8:F2} ms  | " +
                string.Join(" ", types.Select(t => $"{t}={LatencySamples.Percentile(queries.Where(q => q.Type == t).Select(q => medians[q.Id]).ToList(), 50):F0}")));
        }
        return 0;
    }

    private static SearchRequest Req(BenchQuery q) => new()
    {
        Query = q.Text,
        Syntax = QuerySyntax.Lucene,
        Size = 10,
        IncludeFacets = false,
        IncludeSnippets = false,
    };

    private static Query Parse(StandardAnalyzer analyzer, BenchQuery q) =>
        new MultiFieldQueryParser(LuceneVersion.LUCENE_48, ["title", "body"], analyzer) { DefaultOperator = Operator.AND }.Parse(q.Text);

    private static TopDocs TopDocs(IndexSearcher searcher, Query query)
    {
        var c = TopScoreDocCollector.Create(10, docsScoredInOrder: false);
        searcher.Search(query, c);
        return c.GetTopDocs();
    }
}
