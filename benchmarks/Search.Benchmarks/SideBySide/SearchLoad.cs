using System.Diagnostics;
using System.Globalization;
using Search.Benchmarks.Data;

namespace Search.Benchmarks.SideBySide;

/// <summary>
/// <c>search-load --index DIR [--queries FILE.tsv] [--clients N[,N…]] [--search-threads N[,N…]] [--seconds S] [--rounds R]</c>:
/// searches per second and latency on an index that is already built, with N clients searching without pause (each a
/// random query of the set, Lucene syntax, top 10 with the total), for each number of threads one search may use
/// (<see cref="SearchIndexOptions.SearchThreads"/>). What a server with a large index gets from sliced searches, alone
/// and under load. No writer (the side-by-side <c>--concurrency</c> figures have one).
/// </summary>
internal static class SearchLoad
{
    public static int Run(IReadOnlyList<string> args)
    {
        string? folder = null;
        string queriesFile = BenchData.DefaultQueries;
        int[] clients = [1, 2, 4];
        int[] threads = [1, 2];
        double seconds = 5;
        int rounds = 2;
        try
        {
            for (int i = 0; i < args.Count; i++)
            {
                string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                int[] Counts() => Next().Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                switch (args[i])
                {
                    case "--index": folder = Next(); break;
                    case "--queries": queriesFile = Next(); break;
                    case "--clients": clients = Counts(); break;
                    case "--search-threads": threads = Counts(); break;
                    case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"Unknown option '{args[i]}'.");
                }
            }
            if (folder is null)
                throw new ArgumentException("--index DIR is needed.");
            if (clients.Concat(threads).Any(n => n < 1) || seconds <= 0 || rounds < 1)
                throw new ArgumentException("Counts, seconds and rounds must be above 0.");
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("usage: search-load --index DIR [--queries FILE.tsv] [--clients N[,N…]] [--search-threads N[,N…]] [--seconds S] [--rounds R]");
            return 2;
        }

        var queries = BenchData.LoadQueries(queriesFile).Select(q => q.Text).ToArray();
        Console.WriteLine($"{folder}: {Environment.ProcessorCount} processors, {queries.Length} queries, {seconds:F0} s per figure");
        for (int round = 1; round <= rounds; round++)
            foreach (int t in threads)
                foreach (int c in clients)
                {
                    using var index = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, SearchThreads = t });
                    foreach (var q in queries)
                        index.Search(Request(q));
                    var (qps, p50, p99) = Measure(index, queries, c, seconds);
                    Console.WriteLine($"round {round}, {t} thread(s) per search, {c} client(s): {qps:N0} searches/s, p50 {p50:F3} ms, p99 {p99:F3} ms");
                }
        return 0;
    }

    private static SearchRequest Request(string text) =>
        new() { Query = text, Syntax = QuerySyntax.Lucene, Size = 10, IncludeFacets = false, IncludeSnippets = false };

    private static (double Qps, double P50, double P99) Measure(SearchIndex index, string[] queries, int clients, double seconds)
    {
        var clock = Stopwatch.StartNew();
        var latencies = new List<double>[clients];
        var workers = Enumerable.Range(0, clients).Select(c => new Thread(() =>
        {
            var rng = new Random(c);
            var mine = latencies[c] = [];
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                long t0 = Stopwatch.GetTimestamp();
                index.Search(Request(queries[rng.Next(queries.Length)]));
                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all.Length / clock.Elapsed.TotalSeconds, all[all.Length / 2], all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]);
    }
}
