using System.Globalization;
using Search.Benchmarks.Data;
using Search.Benchmarks.Engines;

namespace Search.Benchmarks.SideBySide;

/// <summary>The command line of the side-by-side mode.</summary>
internal sealed class SideBySideOptions
{
    public const string Usage = """
        side-by-side: build an index of a corpus with Search (and the baselines), then time every query alone.

          --corpus PATH          a .jsonl[.gz]/.csv/.txt file or a folder; repeatable (default: ../shared/corpus, else index-data/docs)
          --queries FILE.tsv     id, type, query in Lucene syntax (default: ../shared/bench/queries.tsv, else the bundled copy)
          --index DIR            where the indexes go: DIR/search, DIR/standard, DIR/sqlite… (default: a temporary folder, deleted after)
          --out RESULT.json      the result (default: print it only)
          --baseline NAME        standard (plain StandardAnalyzer Lucene.Net) or sqlite (SQLite FTS5); repeatable or comma-separated
          --threads N[,N…]       Search ingest threads; each count builds its own index, the first is queried (default 1)
          --build-rounds N       build every index N times in turn and keep each engine's fastest round (default 1)
          --passes N             timed passes over the query set after warm-up (default 5)
          --max-docs N           use only the first N documents
          --mix N                use N documents spread evenly over the corpus (every k-th), so every collection is in it
          --features             also time Search with facets and snippets on (its default request)
          --scale K[,K…]         also build and query Search at K copies of the corpus (fresh ids), e.g. 1,4,16
          --scale-passes N       timed passes at each scale (default 3)
          --concurrency T[,T…]   also measure QPS with T search threads while one writer indexes, e.g. 1,2,4
          --concurrency-seconds S  seconds per thread count (default 10)
          --search-threads N[,N…]  threads one Search query may use on a large index (default: the library's, the processors
                                 up to 4); the first count serves the main figures, --scale times each scale with each count
          --ram-buffer MB        the writers' RAM buffer, Search's and the Lucene.Net baseline's (default: the library's,
                                 a sixteenth of the memory the process may use, 32 to 256 MB)
          --allow-empty          do not fail when a query finds nothing (for corpora the query set was not drawn from)
          --keep                 keep the index folders
          --no-build             query the indexes already in DIR/search, DIR/standard, DIR/sqlite (e.g. the cache the
                                 BenchmarkDotNet classes build with `prepare`) instead of building; implies --keep
        Exits 0 when every check passed, 1 when a check failed, 2 on bad arguments.
        """;

    public List<string> Corpus { get; } = [];
    public string Queries { get; set; } = "";
    public string? IndexDir { get; set; }
    public string? Out { get; set; }
    public List<string> Baselines { get; } = [];
    public List<int> Threads { get; } = [];
    public int Passes { get; set; } = 5;
    public int BuildRounds { get; set; } = 1;
    public int? MaxDocs { get; set; }
    public int? Mix { get; set; }
    public bool Features { get; set; }
    public List<int> Scale { get; } = [];
    public int ScalePasses { get; set; } = 3;
    public List<int> Concurrency { get; } = [];
    public int ConcurrencySeconds { get; set; } = 10;
    public bool AllowEmpty { get; set; }
    public bool Keep { get; set; }
    public List<int> SearchThreads { get; } = [];
    public bool NoBuild { get; set; }
    public double? RamBufferMB { get; set; }

    public static SideBySideOptions Parse(IReadOnlyList<string> args)
    {
        var o = new SideBySideOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            IEnumerable<string> List() => Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            switch (args[i])
            {
                case "--corpus": o.Corpus.Add(Next()); break;
                case "--queries": o.Queries = Next(); break;
                case "--index": o.IndexDir = Next(); break;
                case "--out": o.Out = Next(); break;
                case "--baseline": o.Baselines.AddRange(List()); break;
                case "--threads": o.Threads.AddRange(List().Select(int.Parse)); break;
                case "--passes": o.Passes = NextInt(); break;
                case "--build-rounds": o.BuildRounds = NextInt(); break;
                case "--max-docs": o.MaxDocs = NextInt(); break;
                case "--mix": o.Mix = NextInt(); break;
                case "--features": o.Features = true; break;
                case "--scale": o.Scale.AddRange(List().Select(int.Parse)); break;
                case "--scale-passes": o.ScalePasses = NextInt(); break;
                case "--concurrency": o.Concurrency.AddRange(List().Select(int.Parse)); break;
                case "--concurrency-seconds": o.ConcurrencySeconds = NextInt(); break;
                case "--allow-empty": o.AllowEmpty = true; break;
                case "--keep": o.Keep = true; break;
                case "--search-threads": o.SearchThreads.AddRange(List().Select(int.Parse)); break;
                case "--no-build": o.NoBuild = o.Keep = true; break;
                case "--ram-buffer": o.RamBufferMB = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        if (o.Corpus.Count == 0)
            o.Corpus.Add(BenchData.SharedCorpus ?? BenchData.SampleCorpus);
        if (o.Queries.Length == 0)
            o.Queries = BenchData.DefaultQueries;
        if (o.NoBuild && o.IndexDir is null)
            throw new ArgumentException("--no-build needs --index DIR.");
        if (o.Threads.Count == 0)
            o.Threads.Add(1);
        foreach (var b in o.Baselines)
            if (b is not (Engines.Engines.Standard or Engines.Engines.Sqlite))
                throw new ArgumentException($"Unknown baseline '{b}': expected standard or sqlite.");
        if (o.Passes < 1 || o.BuildRounds < 1 || o.ScalePasses < 1 || o.Threads.Any(t => t < 1) || o.Scale.Any(k => k < 1) || o.Concurrency.Any(t => t < 1) || o.SearchThreads.Any(t => t < 1))
            throw new ArgumentException("Passes, threads, scale factors and thread counts must be at least 1.");
        if (o.RamBufferMB is <= 0)
            throw new ArgumentException("--ram-buffer must be above 0 MB.");
        return o;
    }
}
