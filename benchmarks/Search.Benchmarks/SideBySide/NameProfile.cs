using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Search.Benchmarks.Data;
using Search.Indexing;
using Search.Querying;

namespace Search.Benchmarks.SideBySide;

/// <summary>
/// <c>name-profile --index DIR [--queries FILE.tsv] [--passes N] [--cold [--cold-threads N]] [--tree TEXT]</c>: where the search box's name query
/// spends its time, on a Search index already built (e.g. <c>side-by-side --keep</c>'s <c>DIR/search</c>). For every
/// <c>name</c> and <c>name_and</c> query, phases taking turns query by query, median thread-CPU µs per query:
/// planning with the expansion cache warm (and, with <c>--cold</c>, once per query with every cache of the name matcher empty), building the weight (rewrite, term lookups, statistics), the
/// Lucene search alone (counting every hit, top 10), the whole <see cref="SearchIndex.Search"/>, the plain
/// Lucene-syntax term query as the baseline, and the search box with snippets and facets (what the web page shows). <c>--tree TEXT</c> prints the planned query of one text with the cost
/// of each clause alone (weight + counting every hit), which says which layer the time goes to. <c>--dump FILE</c> writes,
/// for every name query through the search box (with <c>--lucene</c>, in the strict syntax), its total and its top 100 ids
/// with their exact scores (a file to compare
/// byte for byte before and after a change that must not change results), and times nothing. <c>--loop SECONDS</c> runs the
/// search box alone over the queries, warm, for that long (for an outside profiler such as <c>perf</c>). <c>--per-query</c>
/// also lists every query's search-box and plain medians.
/// </summary>
internal static class NameProfile
{
    public static int Run(IReadOnlyList<string> args)
    {
        string? dir = null, queriesFile = null, tree = null, dump = null;
        double loopSeconds = 0;
        bool perQuery = false;
        int passes = 10, coldThreads = 1;
        bool coldPhase = false;
        var dumpSyntax = QuerySyntax.Lenient;
        for (int i = 0; i < args.Count; i += 2)
        {
            if (args[i] == "--cold")
            {
                coldPhase = true;
                i--;
                continue;
            }
            if (args[i] == "--lucene")
            {
                dumpSyntax = QuerySyntax.Lucene;
                i--;
                continue;
            }
            if (args[i] == "--per-query")
            {
                perQuery = true;
                i--;
                continue;
            }
            if (i + 1 >= args.Count)
            {
                Console.Error.WriteLine($"{args[i]} needs a value");
                return 2;
            }
            switch (args[i])
            {
                case "--index": dir = args[i + 1]; break;
                case "--queries": queriesFile = args[i + 1]; break;
                case "--passes": passes = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--tree": tree = args[i + 1]; break;
                case "--dump": dump = args[i + 1]; break;
                case "--cold-threads": coldThreads = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--loop": loopSeconds = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        if (dir is null)
        {
            Console.Error.WriteLine("usage: name-profile --index DIR [--queries FILE.tsv] [--passes N] [--cold [--cold-threads N]] [--tree TEXT] [--dump FILE [--lucene]] [--loop SECONDS] [--per-query]");
            return 2;
        }
        using var index = SearchIndex.Open(dir, new SearchIndexOptions { ReadOnly = true });
        using var directory = new Search.Indexing.PositionalReadDirectory(dir);   // the directory SearchIndex reads through
        using var reader = DirectoryReader.Open(directory);
        var searcher = new StatisticsCachingSearcher(reader) { Similarity = new ExactLengthSimilarity() };
        var planner = new QueryPlanner(1024);
        Console.WriteLine($"{reader.MaxDoc} documents in {reader.Leaves.Count} segments");

        if (tree is not null)
        {
            var q = planner.Plan(Box(tree), reader).Query;
            for (int w = 0; w < 20; w++)
                Cost(searcher, q);
            Print(searcher, q, 0, passes);
            return 0;
        }

        var queries = BenchData.LoadQueries(queriesFile ?? BenchData.DefaultQueries).Where(q => q.IsName).ToList();
        if (dump is not null)
        {
            using var output = new StreamWriter(dump);
            foreach (var q in queries)
            {
                var result = index.Search(Box(q.Text, dumpSyntax, size: 100));
                output.WriteLine($"{q.Id}\t{q.Text}\t{result.Total}\t" +
                    string.Join(' ', result.Hits.Select(h => h.Id + ":" + h.Score.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
            }
            return 0;
        }
        var planned = queries.ToDictionary(q => q.Id, q => planner.Plan(Box(q.Text), reader).Query);
        var phases = new (string Name, Func<BenchQuery, long> Run)[]
        {
            ("plan, expansion cache warm", q => planner.Plan(Box(q.Text), reader).Query is null ? 0 : 1),
            ("weight (rewrite, term lookups, stats)", q => searcher.CreateNormalizedWeight(planned[q.Id]) is null ? 0 : 1),
            ("weight + count every hit", q => Count(searcher, planned[q.Id])),
            ("weight + top 10 with the total", q => Top(searcher, planned[q.Id])),
            ("SearchIndex.Search, search box", q => index.Search(Box(q.Text)).Total),
            ("SearchIndex.Search, Lucene syntax (plain)", q => index.Search(Box(q.Text, QuerySyntax.Lucene)).Total),
            ("search box, snippets and facets (the web page)", q => index.Search(Page(q.Text)).Total),
        };
        if (loopSeconds > 0)
        {
            // For an outside profiler: the search box only, warm, over and over.
            foreach (var q in queries)
                index.Search(Box(q.Text));
            Console.WriteLine($"looping {loopSeconds} s over the search box");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            long runs = 0;
            while (clock.Elapsed.TotalSeconds < loopSeconds)
                foreach (var q in queries)
                {
                    index.Search(Box(q.Text));
                    runs++;
                }
            Console.WriteLine($"{runs} searches");
            return 0;
        }
        var samples = PhaseSamples.Measure(queries, phases, warmups: 3, passes);
        // Cold: a new matcher has empty expansion caches (the compiled key automata stay). Once per query: it is slow.
        // With --cold-threads N the segments of a cold expansion are scanned on up to N threads, as a search allowed N threads
        // does (SliceHelpers): the calling thread's CPU then leaves out the helpers', so the wall clock is printed too.
        var cold = new List<double>();
        var coldWall = new List<double>();
        foreach (var q in coldPhase ? queries : [])
        {
            NameQueryBuilder.UseSimilarity(Search.Analysis.Names.NameSimilarity.Default);
            long c0 = ThreadCpu.Nanoseconds(), w0 = System.Diagnostics.Stopwatch.GetTimestamp();
            using (Search.Analysis.SliceHelpers.Allow(coldThreads))
                planner.Plan(Box(q.Text), reader);
            cold.Add((ThreadCpu.Nanoseconds() - c0) / 1e3);
            coldWall.Add(System.Diagnostics.Stopwatch.GetElapsedTime(w0).TotalMicroseconds);
        }
        NameQueryBuilder.UseSimilarity(Search.Analysis.Names.NameSimilarity.Default);
        if (coldPhase)
        {
            Console.WriteLine($"plan, expansion cache cold (once per query): p50 {LatencySamples.Percentile(cold, 50):F1} µs, p99 {LatencySamples.Percentile(cold, 99):F1} µs, sum {cold.Sum() / 1000:F2} ms");
            Console.WriteLine($"plan, expansion cache cold, wall clock on up to {coldThreads} thread(s): p50 {LatencySamples.Percentile(coldWall, 50):F1} µs, p99 {LatencySamples.Percentile(coldWall, 99):F1} µs, sum {coldWall.Sum() / 1000:F2} ms");
        }
        Console.WriteLine($"{queries.Count} queries, {passes} passes; median µs{(ThreadCpu.Available ? " of thread CPU" : " wall")} per query, p50 over the queries, by class");
        var types = queries.Select(q => q.Type).Distinct().ToList();
        for (int k = 0; k < phases.Length; k++)
        {
            var medians = queries.ToDictionary(q => q.Id, q => LatencySamples.Percentile(samples[k][q.Id], 50));
            Console.WriteLine($"{phases[k].Name,-44} p50 {LatencySamples.Percentile(medians.Values.ToList(), 50),8:F1}  sum {medians.Values.Sum() / 1000,8:F2} ms | " +
                string.Join(" ", types.Select(t => $"{t}={LatencySamples.Percentile(queries.Where(q => q.Type == t).Select(q => medians[q.Id]).ToList(), 50):F0}")));
        }
        // The slowest queries of the whole search-box search, where the p99 comes from.
        int box = Array.FindIndex(phases, p => p.Name.StartsWith("SearchIndex.Search, search box", StringComparison.Ordinal));
        var slowest = queries.Select(q => (q, Us: LatencySamples.Percentile(samples[box][q.Id], 50))).OrderByDescending(x => x.Us).Take(5);
        Console.WriteLine("slowest through the search box (median µs): " + string.Join(", ", slowest.Select(x => $"{x.q.Text} {x.Us:F0}")));
        if (perQuery)
        {
            int plain = Array.FindIndex(phases, p => p.Name.StartsWith("SearchIndex.Search, Lucene syntax", StringComparison.Ordinal));
            Console.WriteLine("per query, median µs: search box, plain, ratio");
            foreach (var q in queries.OrderBy(q => LatencySamples.Percentile(samples[box][q.Id], 50)))
            {
                double b = LatencySamples.Percentile(samples[box][q.Id], 50), l = LatencySamples.Percentile(samples[plain][q.Id], 50);
                Console.WriteLine($"  {q.Type,-9} {q.Text,-28} {b,9:F0} {l,9:F0} {b / l,6:F1}");
            }
        }
        return 0;
    }

    // What the web page asks for: the search box, ten hits with their snippets, the facets.
    private static SearchRequest Page(string text) => new() { Query = text, Size = 10, IncludeFacets = true, IncludeSnippets = true };

    private static SearchRequest Box(string text, QuerySyntax syntax = QuerySyntax.Lenient, int size = 10) => new()
    {
        Query = text,
        Syntax = syntax,
        Size = size,
        IncludeFacets = false,
        IncludeSnippets = false,
    };

    private static long Count(IndexSearcher searcher, Query query)
    {
        var c = new TotalHitCountCollector();
        searcher.Search(query, c);
        return c.TotalHits;
    }

    private static long Top(IndexSearcher searcher, Query query)
    {
        var c = TopScoreDocCollector.Create(10, docsScoredInOrder: true);
        searcher.Search(query, c);
        return c.TotalHits;
    }

    private static (double WeightUs, double ScorersUs, double CountUs, long Hits) Cost(IndexSearcher searcher, Query query, int passes = 1)
    {
        var w = new List<double>();
        var sc = new List<double>();
        var c = new List<double>();
        long hits = 0;
        for (int p = 0; p < passes; p++)
        {
            long c0 = ThreadCpu.Nanoseconds();
            var weight = searcher.CreateNormalizedWeight(query);
            long c1 = ThreadCpu.Nanoseconds();
            foreach (var leaf in searcher.IndexReader.Leaves)
                weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
            long c2 = ThreadCpu.Nanoseconds();
            hits = Top(searcher, query);
            long c3 = ThreadCpu.Nanoseconds();
            w.Add((c1 - c0) / 1e3);
            sc.Add((c2 - c1) / 1e3);
            c.Add((c3 - c2) / 1e3);
        }
        return (LatencySamples.Percentile(w, 50), LatencySamples.Percentile(sc, 50), LatencySamples.Percentile(c, 50), hits);
    }

    private static void Print(IndexSearcher searcher, Query query, int depth, int passes)
    {
        var (weight, scorers, total, hits) = Cost(searcher, query, passes);
        string label = query switch
        {
            BooleanQuery b => $"Boolean ({b.Clauses.Count} clauses) ^{query.Boost}",
            MultiPhraseQuery m => $"MultiPhrase ({string.Join(" ", m.GetTermArrays().Select(a => a.Length))} terms) ^{query.Boost}",
            Search.Analysis.Names.SpellingsPhraseQuery p => $"SpellingsPhrase ({string.Join(" ", p.TermArrays.Select(a => a.Length))} terms) ^{query.Boost}",
            _ => Shorten(query.ToString()),
        };
        Console.WriteLine($"{new string(' ', depth * 2)}{label}: weight {weight:F0} µs, scorers of every segment {scorers:F0} µs, weight + top 10 + total {total:F0} µs, {hits} hits");
        if (query is BooleanQuery bq)
        {
            // Many term clauses of one field: summarise instead of listing each.
            var terms = bq.Clauses.Where(c => c.Query is TermQuery).ToList();
            foreach (var c in bq.Clauses.Where(c => c.Query is not TermQuery))
            {
                Console.Write($"{new string(' ', depth * 2 + 2)}[{c.Occur}] ");
                Print(searcher, c.Query, depth + 1, passes);
            }
            if (terms.Count > 0)
                Console.WriteLine($"{new string(' ', depth * 2 + 2)}{terms.Count} term clauses: {Shorten(string.Join(" ", terms.Take(6).Select(t => t.Query.ToString())))}{(terms.Count > 6 ? " …" : "")}");
        }
    }

    private static string Shorten(string s) => s.Length > 160 ? s[..160] + "…" : s;
}
