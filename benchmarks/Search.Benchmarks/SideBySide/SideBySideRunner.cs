using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Search.Benchmarks.Data;
using Search.Benchmarks.Engines;

namespace Search.Benchmarks.SideBySide;

/// <summary>
/// The side-by-side mode, outside BenchmarkDotNet, so another engine's harness can run the same work: load the
/// corpus (untimed), build each engine's index (timed: add all + commit), warm up until query pass times settle,
/// then time every query alone, top 10 with the exact total; check document counts and hits; write RESULT.json.
/// Timed passes alternate between the engines, so background load on a shared machine falls on all of them alike.
/// </summary>
internal sealed class SideBySideRunner
{
    private const double SettleTolerance = 1.10;
    private const int MinWarmupPasses = 3;
    private const int MaxWarmupPasses = 40;
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(90);

    private readonly SideBySideOptions options;
    private readonly List<string> failures = [];
    private readonly List<string> warnings = [];
    private readonly List<IDisposable> open = [];
    private readonly List<string> created = [];
    private string root = "";

    private SideBySideRunner(SideBySideOptions options) => this.options = options;

    public static int Run(IReadOnlyList<string> args)
    {
        SideBySideOptions options;
        try
        {
            if (args.Contains("--help") || args.Contains("-h"))
            {
                Console.WriteLine(SideBySideOptions.Usage);
                return 0;
            }
            options = SideBySideOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(SideBySideOptions.Usage);
            return 2;
        }
        return new SideBySideRunner(options).RunMeasurements();
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    private int RunMeasurements()
    {
        bool tempRoot = options.IndexDir is null;
        root = Path.GetFullPath(options.IndexDir ?? BenchData.TempFolder("side-by-side"));
        SearchEngine.SearchThreads = options.SearchThreads.Count > 0 ? options.SearchThreads[0] : null;
        SearchEngine.RamBufferMB = options.RamBufferMB;
        Directory.CreateDirectory(root);
        var result = new JsonObject
        {
            ["command"] = "dotnet run -c Release --project benchmarks/Search.Benchmarks -- side-by-side " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).SkipWhile(a => a != "side-by-side").Skip(1)),
            ["machine"] = Machine(),
            ["started"] = DateTimeOffset.UtcNow.ToString("o"),
            ["ram_buffer_mb"] = SearchEngine.BuildRamBufferMB,
        };
        try
        {
            RunAll(result);
        }
        catch (Exception e)
        {
            failures.Add($"{e.GetType().Name}: {e.Message}");
            Log(e.ToString());
        }
        finally
        {
            foreach (var d in open)
                d.Dispose();
            if (!options.Keep)
            {
                foreach (var dir in created)
                    BenchData.TryDelete(dir);
                if (tempRoot)
                    BenchData.TryDelete(root);
            }
        }
        result["checks"] = new JsonObject
        {
            ["passed"] = failures.Count == 0,
            ["failures"] = new JsonArray(failures.Select(f => (JsonNode)f).ToArray()),
            ["warnings"] = new JsonArray(warnings.Select(f => (JsonNode)f).ToArray()),
        };
        var json = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        if (options.Out is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
            File.WriteAllText(options.Out, json + "\n");
            Log($"wrote {options.Out}");
        }
        Console.WriteLine(Summary(result));
        foreach (var w in warnings)
            Log("warning: " + w);
        foreach (var f in failures)
            Log("FAILED: " + f);
        return failures.Count == 0 ? 0 : 1;
    }

    private void RunAll(JsonObject result)
    {
        if (options.Baselines.Contains(Engines.Engines.Sqlite) && !SqliteFtsEngine.HasFts5())
            throw new InvalidOperationException("The bundled SQLite has no FTS5.");

        Log($"loading {string.Join(", ", options.Corpus)}");
        var corpus = BenchData.LoadCorpus(options.Corpus);
        var docs = options.MaxDocs is { } max ? corpus.Documents.Take(max).ToList() : corpus.Documents;
        docs = BenchData.EvenMix(docs, options.Mix);
        bool whole = docs.Count == corpus.Documents.Count;
        int uniqueDocs = whole ? corpus.UniqueIds : docs.Select(d => d.Id).Distinct().Count();
        long textBytes = whole ? corpus.TextBytes : docs.Sum(BenchData.TextBytes);
        var queries = BenchData.LoadQueries(options.Queries);
        Log($"{docs.Count:N0} documents ({uniqueDocs:N0} ids, {textBytes / 1e6:F1} MB of text, {corpus.Rejected} rejected), {queries.Count} queries");
        if (docs.Count == 0)
            throw new InvalidOperationException("The corpus has no documents.");
        result["corpus"] = new JsonArray(options.Corpus.Select(c => (JsonNode)Path.GetFullPath(c)).ToArray());
        result["queries_file"] = Path.GetFullPath(options.Queries);
        result["queries"] = queries.Count;
        result["docs"] = uniqueDocs;
        result["text_mb"] = Round(textBytes / 1e6);
        result["working_set_after_load_mb"] = Round(Process.GetCurrentProcess().WorkingSet64 / 1e6);

        // Build: Search at each thread count, then each baseline (one thread each); with --build-rounds N the whole
        // sequence N times, so a burst of load on a shared machine does not fall on one engine only. Each engine's
        // figure is its fastest round; the last round's indexes are the ones queried.
        var plan = options.Threads.Select(t => (Name: Engines.Engines.Search, Threads: t))
            .Concat(options.Baselines.Distinct().Select(b => (Name: b, Threads: 1))).ToList();
        var rounds = plan.ToDictionary(p => p, _ => new List<JsonObject>());
        var engines = new Dictionary<(string Name, int Threads), IBenchEngine>();
        if (options.NoBuild)
        {
            foreach (var p in plan.Where(p => p.Name != Engines.Engines.Search || p.Threads == options.Threads[0]))
            {
                var engine = Engines.Engines.Create(p.Name, Path.Combine(root, p.Name));
                engine.OpenForSearch();
                long count = engine.DocumentCount;
                long expected = p.Name == Engines.Engines.Sqlite ? docs.Count : uniqueDocs;
                // An index from the benchmark cache records how many documents it was built from.
                var marker = Path.Combine(root, p.Name, "complete.txt");
                if (File.Exists(marker))
                    expected = long.Parse(File.ReadAllText(marker).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                if (count != expected)
                    failures.Add($"{p.Name} holds {count} documents, expected {expected}.");
                Log($"opened {p.Name}: {count:N0} docs, {engine.IndexBytes / 1e6:F1} MB (not built in this run)");
                rounds[p].Add(new JsonObject
                {
                    ["engine"] = p.Name, ["description"] = engine.Description, ["threads"] = p.Threads, ["docs"] = count,
                    ["index_s"] = double.NaN, ["index_cpu_s"] = double.NaN, ["docs_per_s"] = double.NaN, ["docs_per_cpu_s"] = double.NaN,
                    ["mb_per_s"] = double.NaN, ["index_bytes"] = engine.IndexBytes, ["not_built_in_this_run"] = true,
                });
                engines[p] = engine;
            }
            plan.RemoveAll(p => !engines.ContainsKey(p));
        }
        for (int round = 1; round <= (options.NoBuild ? 0 : options.BuildRounds); round++)
        {
            foreach (var p in plan)
            {
                if (engines.Remove(p, out var old))
                    old.Dispose();
                string folder = Folder(p.Name == Engines.Engines.Search && p.Threads != options.Threads[0] ? $"search-{p.Threads}t" : p.Name);
                var engine = Engines.Engines.Create(p.Name, folder);
                var build = Build(engine, docs, p.Threads, p.Name == Engines.Engines.Sqlite ? docs.Count : uniqueDocs, textBytes);
                build["round"] = round;
                rounds[p].Add(build);
                engines[p] = engine;
                // Only the first Search index and the baselines are queried: close the others at once.
                if (p.Name == Engines.Engines.Search && p.Threads != options.Threads[0] && round == options.BuildRounds)
                {
                    engines.Remove(p);
                    engine.Dispose();
                }
            }
        }
        var builds = new JsonArray();
        JsonObject Best(List<JsonObject> all)
        {
            var best = (JsonObject)all.MinBy(b => (double)b["index_s"]!)!.DeepClone();
            if (options.NoBuild)
                return best;
            best["index_cpu_s"] = all.Min(b => (double)b["index_cpu_s"]!);
            best["docs_per_cpu_s"] = all.Max(b => (double)b["docs_per_cpu_s"]!);
            best["rounds"] = new JsonArray(all.Select(b => (JsonNode)b.DeepClone()).ToArray());
            return best;
        }
        var bests = plan.ToDictionary(p => p, p => Best(rounds[p]));
        foreach (var p in plan)
            builds.Add(bests[p]);
        var search = (SearchEngine)engines[(Engines.Engines.Search, options.Threads[0])];
        var searchBuild = bests[(Engines.Engines.Search, options.Threads[0])];
        open.AddRange(engines.Values);
        var baselines = plan.Where(p => p.Name != Engines.Engines.Search).Select(p => (Engine: engines[p], Build: bests[p])).ToList();
        result["builds"] = builds;

        // Queries.
        var variants = new List<Variant>
        {
            new("search", search, queries, SearchBox: false),
            new("search_box", search, queries.Where(q => q.IsName).ToList(), SearchBox: true),
        };
        if (options.Features)
        {
            var full = new SearchEngine(Path.Combine(root, "search"), facetsAndSnippets: true);
            full.OpenForSearch();
            open.Add(full);
            variants.Add(new("search_features", full, queries, SearchBox: false));
        }
        variants.AddRange(baselines.Select(b => new Variant(b.Engine.Name, b.Engine, queries, SearchBox: false)));
        variants.RemoveAll(v => v.Queries.Count == 0);
        TimeQueries(variants, options.Passes, "whole corpus");
        foreach (var v in variants)
            CheckHits(v);

        var searchRow = Row(variants[0], searchBuild!);
        foreach (var kv in searchRow)
            result[kv.Key] = kv.Value?.DeepClone();
        result["engine"] = search.Description;
        var box = variants.First(v => v.Label == "search_box");
        result["search_box"] = new JsonObject
        {
            ["note"] = "The name and name_and queries once more through the search box (SearchRequest.Syntax = Lenient), where name expansion happens; the main figures use Lucene syntax for every query, like the baselines.",
            ["p50_ms"] = Round(box.Samples.Percentile(50)),
            ["p99_ms"] = Round(box.Samples.Percentile(99)),
            ["by_type"] = ByType(box),
        };
        if (variants.FirstOrDefault(v => v.Label == "search_features") is { } features)
            result["search_features"] = Row(features, null);
        var baselineRows = new JsonObject();
        var ratios = new JsonObject();
        foreach (var (engine, build) in baselines)
        {
            var v = variants.First(x => x.Engine == engine);
            baselineRows[engine.Name] = Row(v, build);
            ratios[engine.Name] = Ratios(variants[0], searchBuild!, v, build);
        }
        foreach (var (p, b) in bests.Where(kv => kv.Key.Name == Engines.Engines.Search && kv.Key.Threads != options.Threads[0]))
            foreach (var (engine, build) in baselines)
            {
                ((JsonObject)ratios[engine.Name]!)[$"docs_per_s_search_{p.Threads}_threads"] = Round((double)b["docs_per_s"]! / (double)build["docs_per_s"]!);
                ((JsonObject)ratios[engine.Name]!)[$"docs_per_cpu_s_search_{p.Threads}_threads"] = Round((double)b["docs_per_cpu_s"]! / (double)build["docs_per_cpu_s"]!);
            }
        if (baselines.Count > 0)
        {
            result["baselines"] = baselineRows;
            result["ratios"] = ratios;
            result["ratios_note"] = "Search divided by the baseline, measured in this run: docs_per_s above 1 means Search indexes faster; latency ratios below 1 mean Search answers faster.";
        }
        result["per_query"] = PerQuery(variants);

        if (options.Scale.Count > 0)
            result["scale"] = Scale(docs, uniqueDocs, textBytes, queries, variants[0], searchBuild!);
        if (options.Concurrency.Count > 0)
            result["concurrency"] = Concurrency(Path.Combine(root, "search"), docs, queries, variants[0]);
    }

    private string Folder(string name)
    {
        var dir = Path.Combine(root, name);
        BenchData.TryDelete(dir);
        Directory.CreateDirectory(dir);
        created.Add(dir);
        return dir;
    }

    private JsonObject Build(IBenchEngine engine, IEnumerable<NewsDocument> docs, int threads, long expectedDocs, long textBytes)
    {
        Log($"building {engine.Name} ({threads} thread{(threads == 1 ? "" : "s")})");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Process.GetCurrentProcess();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = before.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        engine.Build(docs, threads);
        sw.Stop();
        before.Refresh();
        var cpu = before.TotalProcessorTime - cpuBefore;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        engine.OpenForSearch();
        long count = engine.DocumentCount;
        long bytes = engine.IndexBytes;
        if (count != expectedDocs)
            failures.Add($"{engine.Name} ({threads} threads) holds {count} documents, expected {expectedDocs}.");
        Log($"  {engine.Name}: {count:N0} docs in {sw.Elapsed.TotalSeconds:F1} s = {count / sw.Elapsed.TotalSeconds:N0} docs/s ({cpu.TotalSeconds:F1} s of CPU), {bytes / 1e6:F1} MB");
        return new JsonObject
        {
            ["engine"] = engine.Name,
            ["description"] = engine.Description,
            ["threads"] = threads,
            ["docs"] = count,
            ["index_s"] = Round(sw.Elapsed.TotalSeconds),
            ["index_cpu_s"] = Round(cpu.TotalSeconds),
            ["docs_per_s"] = Round(count / sw.Elapsed.TotalSeconds),
            ["docs_per_cpu_s"] = Round(count / cpu.TotalSeconds),
            ["mb_per_s"] = Round(textBytes / 1e6 / sw.Elapsed.TotalSeconds),
            ["index_bytes"] = bytes,
            ["allocated_kb_per_doc"] = Round(allocated / 1024.0 / Math.Max(1, count)),
            ["peak_working_set_mb"] = Round(before.PeakWorkingSet64 / 1e6),
        };
    }

    /// <summary>Warms every variant up until its pass times settle, then runs timed passes, the variants taking turns.</summary>
    private void TimeQueries(IReadOnlyList<Variant> variants, int passes, string what)
    {
        var rng = new Random(20260101);
        foreach (var v in variants)
        {
            var times = new List<double>();
            var sw = Stopwatch.StartNew();
            while (times.Count < MaxWarmupPasses && sw.Elapsed < MaxWarmup)
            {
                times.Add(Pass(v, v.Queries, timed: false));
                if (times.Count >= MinWarmupPasses)
                {
                    var last = times.TakeLast(MinWarmupPasses).ToList();
                    if (last.Max() / last.Min() <= SettleTolerance)
                        break;
                }
            }
            v.WarmupPasses = times.Count;
            Log($"  warmed up {v.Label} ({what}): {times.Count} passes, last {times[^1] * 1000:F0} ms");
        }
        for (int p = 0; p < passes; p++)
        {
            foreach (var v in variants)
            {
                var order = v.Queries.ToArray();
                rng.Shuffle(order);
                Pass(v, order, timed: true);
            }
        }
        foreach (var v in variants)
            Log($"  {v.Label} ({what}): p50 {v.Samples.Percentile(50):F3} ms, p99 {v.Samples.Percentile(99):F3} ms, {v.Qps:N0} q/s");
    }

    private double Pass(Variant v, IReadOnlyList<BenchQuery> queries, bool timed)
    {
        long passStart = Stopwatch.GetTimestamp();
        foreach (var q in queries)
        {
            // The process's CPU, not the thread's: a search of a large index may hand slices to other threads.
            long c0 = ThreadCpu.ProcessNanoseconds();
            long t0 = Stopwatch.GetTimestamp();
            long total = v.Engine.Run(q, v.SearchBox);
            double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            double cpuMs = (ThreadCpu.ProcessNanoseconds() - c0) / 1e6;
            if (v.Totals.TryGetValue(q.Id, out var before) && before != total)
                failures.Add($"{v.Label} {q.Id}: {total} hits, {before} in an earlier pass on the same index.");
            v.Totals[q.Id] = total;
            if (timed)
            {
                v.Samples.Add(q.Type, ms, q.Id);
                v.CpuSamples.Add(q.Type, cpuMs);
            }
        }
        double seconds = Stopwatch.GetElapsedTime(passStart).TotalSeconds;
        if (timed)
        {
            v.TimedSeconds += seconds;
            v.TimedQueries += queries.Count;
        }
        return seconds;
    }

    private void CheckHits(Variant v)
    {
        var empty = v.Queries.Where(q => v.Totals.GetValueOrDefault(q.Id) == 0).Select(q => q.Id).ToList();
        if (empty.Count == 0)
            return;
        var message = $"{v.Label}: {empty.Count} queries found nothing ({string.Join(", ", empty.Take(12))}{(empty.Count > 12 ? ", …" : "")})";
        // Every query of the set was drawn from the corpus: Search must find each. A baseline that tokenizes
        // differently may miss one; that is reported, not fatal.
        if (v.Engine is SearchEngine && !options.AllowEmpty)
            failures.Add(message + "; they were drawn from the corpus and must match (pass --allow-empty for another corpus).");
        else
            warnings.Add(message);
    }

    private static JsonObject Row(Variant v, JsonObject? build)
    {
        var row = new JsonObject();
        if (build is not null)
        {
            row["docs"] = build["docs"]!.DeepClone();
            row["index_s"] = build["index_s"]!.DeepClone();
            row["index_bytes"] = build["index_bytes"]!.DeepClone();
            row["docs_per_s"] = build["docs_per_s"]!.DeepClone();
            row["mb_per_s"] = build["mb_per_s"]!.DeepClone();
        }
        row["description"] = v.Engine.Description;
        row["p50_ms"] = Round(v.Samples.Percentile(50));
        row["p95_ms"] = Round(v.Samples.Percentile(95));
        row["p99_ms"] = Round(v.Samples.Percentile(99));
        row["qps"] = Round(v.Qps);
        if (ThreadCpu.Available)
        {
            row["p50_cpu_ms"] = Round(v.CpuSamples.Percentile(50));
            row["p95_cpu_ms"] = Round(v.CpuSamples.Percentile(95));
            row["p99_cpu_ms"] = Round(v.CpuSamples.Percentile(99));
        }
        row["warmup_passes"] = v.WarmupPasses;
        row["timed_queries"] = v.TimedQueries;
        row["by_type"] = ByType(v);
        return row;
    }

    private static JsonObject ByType(Variant v)
    {
        var o = new JsonObject();
        foreach (var type in v.Queries.Select(q => q.Type).Distinct())
            o[type] = new JsonObject
            {
                ["queries"] = v.Queries.Count(q => q.Type == type),
                ["p50_ms"] = Round(v.Samples.Percentile(50, type)),
                ["p99_ms"] = Round(v.Samples.Percentile(99, type)),
                ["p50_cpu_ms"] = Round(v.CpuSamples.Percentile(50, type)),
                ["p99_cpu_ms"] = Round(v.CpuSamples.Percentile(99, type)),
                ["zero_hit_queries"] = v.Queries.Count(q => q.Type == type && v.Totals.GetValueOrDefault(q.Id) == 0),
            };
        return o;
    }

    private static JsonObject Ratios(Variant s, JsonObject sBuild, Variant b, JsonObject bBuild)
    {
        double R(double x, double y) => Round(y == 0 ? double.NaN : x / y);
        var byType = new JsonObject();
        foreach (var type in s.Queries.Select(q => q.Type).Distinct())
            byType[type] = new JsonObject
            {
                ["p50"] = R(s.Samples.Percentile(50, type), b.Samples.Percentile(50, type)),
                ["p99"] = R(s.Samples.Percentile(99, type), b.Samples.Percentile(99, type)),
                ["p50_cpu"] = R(s.CpuSamples.Percentile(50, type), b.CpuSamples.Percentile(50, type)),
                ["p99_cpu"] = R(s.CpuSamples.Percentile(99, type), b.CpuSamples.Percentile(99, type)),
            };
        return new JsonObject
        {
            ["docs_per_s"] = R((double)sBuild["docs_per_s"]!, (double)bBuild["docs_per_s"]!),
            ["docs_per_cpu_s"] = R((double)sBuild["docs_per_cpu_s"]!, (double)bBuild["docs_per_cpu_s"]!),
            ["index_bytes"] = R((long)sBuild["index_bytes"]!, (long)bBuild["index_bytes"]!),
            ["p50"] = R(s.Samples.Percentile(50), b.Samples.Percentile(50)),
            ["p95"] = R(s.Samples.Percentile(95), b.Samples.Percentile(95)),
            ["p99"] = R(s.Samples.Percentile(99), b.Samples.Percentile(99)),
            ["qps"] = R(s.Qps, b.Qps),
            ["p50_cpu"] = R(s.CpuSamples.Percentile(50), b.CpuSamples.Percentile(50)),
            ["p95_cpu"] = R(s.CpuSamples.Percentile(95), b.CpuSamples.Percentile(95)),
            ["p99_cpu"] = R(s.CpuSamples.Percentile(99), b.CpuSamples.Percentile(99)),
            ["by_type"] = byType,
        };
    }

    private static JsonArray PerQuery(IReadOnlyList<Variant> variants)
    {
        var all = variants[0].Queries;
        var arr = new JsonArray();
        foreach (var q in all)
        {
            var o = new JsonObject { ["id"] = q.Id, ["type"] = q.Type, ["query"] = q.Text };
            foreach (var v in variants.Where(v => v.Queries.Contains(q)))
            {
                o[v.Label + "_total"] = v.Totals.GetValueOrDefault(q.Id);
                if (v.Samples.QueryPercentile(q.Id, 50) is var median && double.IsFinite(median))
                    o[v.Label + "_median_ms"] = Round(median);
            }
            arr.Add(o);
        }
        return arr;
    }

    /// <summary>
    /// Builds Search at every scale, then times the query set on every scale in turns (pass by pass, as the engines of the
    /// main figures take turns), so the ratios to 1× compare figures taken over the same minutes of a shared machine; with
    /// several <c>--search-threads</c> counts, each scale is timed with each count.
    /// </summary>
    private JsonArray Scale(IReadOnlyList<NewsDocument> docs, int uniqueDocs, long textBytes, IReadOnlyList<BenchQuery> queries, Variant one, JsonObject oneBuild)
    {
        var counts = options.SearchThreads.Count > 0 ? options.SearchThreads : [new SearchIndexOptions().SearchThreads];
        var builds = new List<(int Copies, JsonObject Build, string Folder)>();
        var engines = new List<SearchEngine>();
        try
        {
            // 1× is the index of the main figures, and every ratio's base.
            foreach (var k in options.Scale.Append(1).Distinct().Order())
            {
                if (k == 1)
                {
                    builds.Add((1, oneBuild, Path.Combine(root, "search")));
                    continue;
                }
                var folder = Folder($"search-x{k}");
                using (var builder = new SearchEngine(folder))
                    builds.Add((k, Build(builder, BenchData.Replicate(docs, k), options.Threads[0], (long)uniqueDocs * k, textBytes * k), folder));
            }
            var variants = new List<(int Copies, int Threads, Variant V)>();
            foreach (var (k, _, folder) in builds)
                foreach (var t in counts)
                {
                    var engine = new SearchEngine(folder, searchThreads: t);
                    engine.OpenForSearch();
                    engines.Add(engine);
                    variants.Add((k, t, new Variant($"search x{k}, {t} thread{(t == 1 ? "" : "s")}", engine, queries, SearchBox: false)));
                }
            TimeQueries(variants.Select(v => v.V).ToList(), options.ScalePasses, "every scale in turns");
            var rows = new JsonArray();
            foreach (var (k, t, v) in variants)
            {
                // Every copy matches like the first: the totals grow exactly k-fold.
                foreach (var q in queries)
                    if (v.Totals[q.Id] != one.Totals[q.Id] * k)
                        failures.Add($"scale {k}x {q.Id}: {v.Totals[q.Id]} hits, expected {k} x {one.Totals[q.Id]}.");
                var build = builds.First(b => b.Copies == k).Build;
                var first = builds[0].Build;
                var baseline = variants.First(x => x.Copies == 1 && x.Threads == t).V;
                double p50 = v.Samples.Percentile(50), p99 = v.Samples.Percentile(99), s = (double)build["index_s"]!, s1 = (double)first["index_s"]!;
                rows.Add(new JsonObject
                {
                    ["copies"] = k,
                    ["search_threads"] = t,
                    ["docs"] = build["docs"]!.DeepClone(),
                    ["index_s"] = build["index_s"]!.DeepClone(),
                    ["docs_per_s"] = build["docs_per_s"]!.DeepClone(),
                    ["index_bytes"] = build["index_bytes"]!.DeepClone(),
                    ["peak_working_set_mb"] = build["peak_working_set_mb"]!.DeepClone(),
                    ["p50_ms"] = Round(p50),
                    ["p99_ms"] = Round(p99),
                    ["p50_cpu_ms"] = Round(v.CpuSamples.Percentile(50)),
                    ["p99_cpu_ms"] = Round(v.CpuSamples.Percentile(99)),
                    ["qps"] = Round(v.Qps),
                    ["build_time_vs_1x"] = Round(s / s1),
                    ["build_time_per_doc_vs_1x"] = Round(s / s1 / k),
                    ["p50_vs_1x"] = Round(p50 / baseline.Samples.Percentile(50)),
                    ["p99_vs_1x"] = Round(p99 / baseline.Samples.Percentile(99)),
                    ["by_type"] = ByType(v),
                    ["slowest"] = Slowest(v, 10),
                });
            }
            return rows;
        }
        finally
        {
            foreach (var e in engines)
                e.Dispose();
            if (!options.Keep)
                foreach (var (k, _, folder) in builds.Where(b => b.Copies != 1))
                    BenchData.TryDelete(folder);
        }
    }

    /// <summary>
    /// Search threads run the query set over and over while one writer adds documents with fresh ids (refresh every second,
    /// commit every 10,000). Each thread count starts from a copy of the built index: before, every count searched the
    /// index the earlier counts had added to (some 14,000 more documents and dozens of small segments per count).
    /// </summary>
    private JsonArray Concurrency(string folder, IReadOnlyList<NewsDocument> docs, IReadOnlyList<BenchQuery> queries, Variant one)
    {
        var rows = new JsonArray();
        int round = 0;
        foreach (var threads in options.Concurrency)
        {
            var copy = folder + "-concurrency";
            BenchData.TryDelete(copy);
            BenchData.CopyFolder(folder, copy);
            try
            {
                rows.Add(ConcurrencyRound(copy, docs, queries, one, threads, ++round));
            }
            finally
            {
                BenchData.TryDelete(copy);
            }
        }
        return rows;
    }

    private JsonObject ConcurrencyRound(string folder, IReadOnlyList<NewsDocument> docs, IReadOnlyList<BenchQuery> queries, Variant one, int threads, int thisRound)
    {
        using var index = SearchIndex.Open(folder, new SearchIndexOptions { RefreshInterval = TimeSpan.FromSeconds(1) });
        var engine = new Shared(index);
        Log($"concurrency: {threads} search thread(s) + 1 writer, {options.ConcurrencySeconds} s");
        using var stop = new CancellationTokenSource();
        long written = 0;
        var writer = Task.Factory.StartNew(() =>
        {
            foreach (var d in docs)
            {
                if (stop.IsCancellationRequested)
                    break;
                index.AddOrUpdate(d with { Id = $"{d.Id}~w{thisRound}" });
                if (++written % 10_000 == 0)
                    index.CommitAsync().GetAwaiter().GetResult();
            }
        }, TaskCreationOptions.LongRunning);
        var perThread = new List<double>[threads];
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var sw = Stopwatch.StartNew();
        var searchers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            var rng = new Random(t);
            var lat = perThread[t] = [];
            var order = queries.ToArray();
            while (sw.Elapsed.TotalSeconds < options.ConcurrencySeconds)
            {
                rng.Shuffle(order);
                foreach (var q in order)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    long total = engine.Run(q);
                    lat.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    // The writer only adds: a query finds at least what it found before.
                    if (total < one.Totals[q.Id])
                        errors.Enqueue($"concurrency {threads}: {q.Id} found {total}, fewer than {one.Totals[q.Id]}.");
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(searchers);
        double seconds = sw.Elapsed.TotalSeconds;
        stop.Cancel();
        writer.Wait();
        failures.AddRange(errors.Distinct().Take(10));
        var all = perThread.SelectMany(l => l).ToList();
        var row = new JsonObject
        {
            ["search_threads"] = threads,
            ["writer_threads"] = 1,
            ["seconds"] = Round(seconds),
            ["queries"] = all.Count,
            ["qps"] = Round(all.Count / seconds),
            ["qps_vs_single_thread_no_writer"] = Round(all.Count / seconds / one.Qps),
            ["p50_ms"] = Round(LatencySamples.Percentile(all, 50)),
            ["p99_ms"] = Round(LatencySamples.Percentile(all, 99)),
            ["writer_docs_per_s"] = Round(written / seconds),
        };
        Log($"  {threads} thread(s): {all.Count / seconds:N0} q/s, writer {written / seconds:N0} docs/s");
        return row;
    }

    private static JsonObject Machine()
    {
        string cpu = "";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
        }
        catch (IOException)
        {
        }
        return new JsonObject
        {
            ["cpu"] = cpu,
            ["logical_cores"] = Environment.ProcessorCount,
            ["memory_gb"] = Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9),
            ["os"] = RuntimeInformation.OSDescription,
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["server_gc"] = System.Runtime.GCSettings.IsServerGC,
            ["sqlite"] = SqliteFtsEngine.Version(),
        };
    }

    private static string Summary(JsonObject r)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"{"engine",-16} {"docs/s",9} {"index MB",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"QPS",8}");
        void Line(string name, JsonNode? row)
        {
            if (row is null)
                return;
            string F(string key, string fmt) => row[key] is { } n ? ((double)n).ToString(fmt, System.Globalization.CultureInfo.InvariantCulture) : "";
            sb.AppendLine($"{name,-16} {F("docs_per_s", "N0"),9} {(row["index_bytes"] is { } b ? ((long)b / 1e6).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : ""),9} {F("p50_ms", "F3"),8} {F("p95_ms", "F3"),8} {F("p99_ms", "F3"),8} {F("qps", "N0"),8}");
        }
        Line("search", r);
        Line("search+features", r["search_features"]);
        if (r["baselines"] is JsonObject b)
            foreach (var kv in b)
                Line(kv.Key, kv.Value);
        if (r["ratios"] is JsonObject ratios)
            foreach (var kv in ratios)
                {
                // JsonNode.ToString throws on NaN (an index not built in this run has no build figures).
                string V(string key) => kv.Value![key] is JsonValue n && n.TryGetValue<double>(out var d) ? d.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "-";
                sb.AppendLine($"search / {kv.Key}: docs/s {V("docs_per_s")} (per CPU s {V("docs_per_cpu_s")}), p50 {V("p50")} (CPU {V("p50_cpu")}), p99 {V("p99")} (CPU {V("p99_cpu")}), QPS {V("qps")}");
            }
        return sb.ToString();
    }

    /// <summary>
    /// The <paramref name="n"/> queries of <paramref name="v"/> with the highest median time, with their slowest time: what
    /// a p99 is made of (the p99 of 230 queries timed 3 times is the seventh-slowest of 690 timings).
    /// </summary>
    private static JsonArray Slowest(Variant v, int n)
    {
        var arr = new JsonArray();
        foreach (var (q, median) in v.Queries.Select(q => (q, Median: v.Samples.QueryPercentile(q.Id, 50)))
                     .Where(x => double.IsFinite(x.Median)).OrderByDescending(x => x.Median).Take(n))
            arr.Add(new JsonObject
            {
                ["id"] = q.Id,
                ["type"] = q.Type,
                ["query"] = q.Text,
                ["median_ms"] = Round(median),
                ["max_ms"] = Round(v.Samples.QueryPercentile(q.Id, 100)),
            });
        return arr;
    }

    private static double Round(double x) => double.IsFinite(x) ? Math.Round(x, x >= 100 ? 1 : 4) : double.NaN;

    private sealed record Variant(string Label, IBenchEngine Engine, IReadOnlyList<BenchQuery> Queries, bool SearchBox)
    {
        public LatencySamples Samples { get; } = new();
        public LatencySamples CpuSamples { get; } = new();
        public Dictionary<string, long> Totals { get; } = new(StringComparer.Ordinal);
        public int WarmupPasses { get; set; }
        public double TimedSeconds { get; set; }
        public int TimedQueries { get; set; }
        public double Qps => TimedQueries / TimedSeconds;
    }

    /// <summary>An open writable index queried like <see cref="SearchEngine"/> does.</summary>
    private sealed class Shared(SearchIndex index)
    {
        private readonly SearchEngine shape = new("unused");

        public long Run(BenchQuery q) => index.Search(shape.Request(q.Text, searchBox: false)).Total;
    }
}
