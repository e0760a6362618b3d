using System.Diagnostics;
using System.Globalization;
using Search.Benchmarks.Data;
using Search.Benchmarks.Engines;

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

        var queries = BenchData.LoadQueries(queriesFile);
        Console.WriteLine($"{folder}: {Environment.ProcessorCount} processors, {queries.Count} queries, {seconds:F0} s per figure");
        for (int round = 1; round <= rounds; round++)
            foreach (int t in threads)
                foreach (int c in clients)
                {
                    // The harness's Search engine: Lucene syntax, top 10 with the total, facets and snippets off.
                    using var engine = new SearchEngine(folder, searchThreads: t);
                    engine.OpenForSearch();
                    // Warm: the query set over and over for a second (one pass left the JIT's tiering to the first figure).
                    var warm = Stopwatch.StartNew();
                    do
                        foreach (var q in queries)
                            engine.Run(q);
                    while (warm.Elapsed.TotalSeconds < 1);
                    var (qps, latencies) = Measure(engine, queries, c, seconds);
                    Console.WriteLine($"round {round}, {t} thread(s) per search, {c} client(s): {qps:N0} searches/s, " +
                        $"p50 {LatencySamples.Percentile(latencies, 50):F3} ms, p99 {LatencySamples.Percentile(latencies, 99):F3} ms");
                }
        return 0;
    }

    private static (double Qps, List<double> Latencies) Measure(SearchEngine engine, IReadOnlyList<BenchQuery> queries, int clients, double seconds)
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
                engine.Run(queries[rng.Next(queries.Count)]);
                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        var all = latencies.SelectMany(l => l).ToList();
        return (all.Count / clock.Elapsed.TotalSeconds, all);
    }
}
