using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Search.Ingest;

namespace Search.Tools;

/// <summary>Options of a load run.</summary>
internal sealed record LoadOptions
{
    /// <summary>Documents to index when <see cref="Index"/> holds no index yet (any path <c>search index</c> reads).</summary>
    public string? Corpus { get; init; }

    /// <summary>Index only the first N documents of the corpus; 0 for all of it.</summary>
    public int Sample { get; init; }

    /// <summary>The index folder: used as it is when it holds an index, built from the corpus otherwise; a temporary folder when null.</summary>
    public string? Index { get; init; }

    /// <summary>The query set: tab-separated id, type, query (Lucene syntax), with a header row.</summary>
    public required string Queries { get; init; }

    public int Clients { get; init; } = 8;

    /// <summary>How many read requests in all, over every client.</summary>
    public int Requests { get; init; } = 20_000;

    /// <summary>The cap on the read phase: clients stop taking requests after it, whatever is left.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Documents per POST of the writer.</summary>
    public int WriteBatch { get; init; } = 20;

    /// <summary>The writer commits after this many batches (and once at the end).</summary>
    public int CommitEvery { get; init; } = 10;

    public int Seed { get; init; } = 1;

    /// <summary>Where the JSON report goes; none when null.</summary>
    public string? Report { get; init; }

    /// <summary>The <c>search</c> CLI to run (<see cref="SearchCli.Locate"/>).</summary>
    public string? Cli { get; init; }
}

/// <summary>Latencies of one class of request.</summary>
internal sealed record LatencyStats(int Count, int Errors, double P50Ms, double P99Ms, double MaxMs);

/// <summary>What the writer did and what was found of it afterwards.</summary>
internal sealed record WriteReport(int Batches, int Acknowledged, int FailedBatches, int Commits, LatencyStats Add, LatencyStats Commit,
    long DocumentsBefore, long DocumentsAfter, long MarkerHits, int Fetched, long DocumentsAfterRestart, long MarkerHitsAfterRestart);

/// <summary>The report of a load run (also written as JSON).</summary>
internal sealed record LoadReport(string Corpus, int Sample, long IndexDocuments, int Clients, int RequestsPlanned, int RequestsDone,
    double SecondsCap, string StoppedBy, double ReadSeconds, double RequestsPerSecond, LatencyStats Overall,
    IReadOnlyDictionary<string, LatencyStats> Classes, int PartialResults, WriteReport Writes,
    IReadOnlyList<string> Failures, IReadOnlyList<string> ServerLog, double ElapsedSeconds, int Seed)
{
    public bool Ok => Failures.Count == 0 && RequestsDone > 0;
}

/// <summary>
/// The bounded load test: builds an index with the real <c>search index</c> (or takes one), starts the real
/// <c>search serve --writable</c> on 127.0.0.1 and a free port, and runs <see cref="LoadOptions.Clients"/> clients
/// through a fixed number of requests (capped in time) mixing the query classes of the query set, the HTML page and
/// completions, while one writer adds documents with fresh ids through the API and commits. Every response must be
/// 2xx. After the final commit every acknowledged document must be counted, searchable and fetchable; then the
/// server is killed with SIGKILL and started again read-only, and they must all still be there.
/// </summary>
internal static class LoadTest
{
    public static async Task<LoadReport> RunAsync(LoadOptions options, TextWriter log, CancellationToken ct = default)
    {
        var started = Stopwatch.StartNew();
        var failures = new ConcurrentQueue<string>();
        var cli = SearchCli.Locate(options.Cli);
        var queries = ReadQueries(options.Queries);
        string? temp = null;
        var index = options.Index is { } given ? Path.GetFullPath(given) : temp = Path.Combine(Path.GetTempPath(), "search-load-" + Guid.NewGuid().ToString("N"));
        try
        {
            await EnsureIndexAsync(cli, index, options, log, ct);
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var run = RunId();
            var marker = "loadrun" + run;
            var stats = new ConcurrentDictionary<string, Latencies>(StringComparer.Ordinal);
            long documentsBefore, documentsAfter, markerHits, afterRestart = -1, markerAfterRestart = -1;
            int fetched;
            int partial = 0, done = 0;
            long next = 0;
            bool timeUp = false;
            Stopwatch read;
            var writer = new Writer(options, run, marker, stats, failures);
            IReadOnlyList<string> serverLog;

            await using (var server = await ServerProcess.StartAsync(cli, index, token, TimeSpan.FromMinutes(2), ct))
            {
                using var http = Client(server.Url, options.Clients + 2, token);
                documentsBefore = await DocumentCountAsync(http, ct);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"serving {documentsBefore:N0} documents at {server.Url}; {options.Clients} clients, {options.Requests:N0} requests (cap {options.MaxDuration.TotalSeconds:N0} s), {queries.Count} queries, writer batches of {options.WriteBatch}"));

                // Warm-up: one query of each class, so the first requests of the timed phase do not pay for start-up alone.
                foreach (var q in queries.DistinctBy(q => q.Type))
                    await GetAsync(http, SearchPath(q.Text), "warm-up", null, failures, ct);

                read = Stopwatch.StartNew();
                using var readersDone = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var writing = writer.RunAsync(http, readersDone.Token, ct);
                var clients = Enumerable.Range(0, options.Clients).Select(_ => Task.Run(async () =>
                {
                    while (true)
                    {
                        long i = Interlocked.Increment(ref next) - 1;
                        if (i >= options.Requests)
                            break;
                        if (read.Elapsed >= options.MaxDuration)
                        {
                            Volatile.Write(ref timeUp, true);
                            break;
                        }
                        var (cls, path) = RequestFor(options.Seed, i, queries);
                        if (await GetAsync(http, path, cls, stats, failures, ct) is { } json && json.TryGetProperty("partial", out var p) && p.GetBoolean())
                            Interlocked.Increment(ref partial);
                        Interlocked.Increment(ref done);
                    }
                }, ct)).ToList();
                await Task.WhenAll(clients);
                read.Stop();
                readersDone.Cancel();
                await writing;

                documentsAfter = await DocumentCountAsync(http, ct);
                markerHits = await TotalAsync(http, marker, ct);
                fetched = await writer.FetchAllAsync(http, ct);
                Expect(failures, "after the final commit", documentsBefore + writer.Acknowledged.Count, documentsAfter, writer.Acknowledged.Count, markerHits);
                await server.KillAsync();
                serverLog = server.Log;
            }

            // Acknowledged and committed: it survives SIGKILL. A read-only server over the same folder must see it all.
            await using (var again = await ServerProcess.StartAsync(cli, index, token: null, TimeSpan.FromMinutes(2), ct))
            {
                using var http = Client(again.Url, 2, null);
                afterRestart = await DocumentCountAsync(http, ct);
                markerAfterRestart = await TotalAsync(http, marker, ct);
                Expect(failures, "after SIGKILL and a restart", documentsBefore + writer.Acknowledged.Count, afterRestart, writer.Acknowledged.Count, markerAfterRestart);
                serverLog = [.. serverLog, .. again.Log];
            }
            foreach (var line in serverLog.Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)))
                failures.Enqueue("the server logged: " + line);

            var reads = stats.Where(kv => kv.Key is not ("add" or "commit" or "warm-up")).ToList();
            var overall = Latencies.Merge(reads.Select(kv => kv.Value)).Stats();
            var report = new LoadReport(options.Corpus ?? "(existing index)", options.Sample, documentsBefore, options.Clients, options.Requests, done,
                options.MaxDuration.TotalSeconds, Volatile.Read(ref timeUp) ? "seconds" : "requests", read.Elapsed.TotalSeconds,
                done / Math.Max(read.Elapsed.TotalSeconds, 1e-9), overall,
                reads.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value.Stats()), partial,
                new WriteReport(writer.Batches, writer.Acknowledged.Count, writer.FailedBatches, writer.Commits,
                    stats.GetValueOrDefault("add")?.Stats() ?? Latencies.Empty, stats.GetValueOrDefault("commit")?.Stats() ?? Latencies.Empty,
                    documentsBefore, documentsAfter, markerHits, fetched, afterRestart, markerAfterRestart),
                failures.ToList(), serverLog, started.Elapsed.TotalSeconds, options.Seed);
            Print(report, log);
            if (options.Report is { } path)
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, ReportJson), ct);
            return report;
        }
        finally
        {
            if (temp is not null && Directory.Exists(temp))
                Directory.Delete(temp, recursive: true);
        }
    }

    internal static readonly JsonSerializerOptions ReportJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>The request number <paramref name="i"/>: mostly the JSON search of one query of the set, one in 20 the HTML page, one in 20 completions.</summary>
    internal static (string Class, string Path) RequestFor(int seed, long i, IReadOnlyList<(string Type, string Text)> queries)
    {
        int r = SeedMix.Of(seed, i);
        var (type, text) = queries[r / 20 % queries.Count];
        return (r % 20) switch
        {
            0 => ("page", "/search?syntax=lucene&q=" + Uri.EscapeDataString(text)),
            1 => ("suggest", "/api/suggest?q=" + Uri.EscapeDataString(SuggestPrefix(text))),
            _ => (type, SearchPath(text)),
        };
    }

    private static string SearchPath(string query) => "/api/search?syntax=lucene&q=" + Uri.EscapeDataString(query);

    // The first word of the query, cut to three letters: what the box sends while someone types it.
    private static string SuggestPrefix(string query)
    {
        var word = query.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim('"') ?? "";
        return word.Length > 3 ? word[..3] : word;
    }

    internal static List<(string Type, string Text)> ReadQueries(string path)
    {
        var queries = File.ReadLines(path).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 3 && f[2].Trim().Length > 0)
            .Select(f => (f[1].Trim(), f[2].Trim()))
            .ToList();
        return queries.Count > 0 ? queries : throw new ArgumentException($"The query set '{path}' has no query (tab-separated id, type, query after a header row).");
    }

    private static async Task EnsureIndexAsync(string cli, string index, LoadOptions options, TextWriter log, CancellationToken ct)
    {
        if (Directory.Exists(index) && Directory.EnumerateFiles(index, "segments_*").Any())
        {
            log.WriteLine($"using the index at {index}");
            return;
        }
        var corpus = options.Corpus ?? throw new ArgumentException($"No index at '{index}' and no corpus to build one from.");
        string? sample = null;
        try
        {
            if (options.Sample > 0)
            {
                sample = Path.Combine(Path.GetTempPath(), $"search-load-sample-{Guid.NewGuid():N}.jsonl");
                WriteSample(corpus, options.Sample, sample);
            }
            var building = Stopwatch.StartNew();
            var (exit, last) = await SearchCli.IndexAsync(cli, sample ?? corpus, index, ct);
            // 1 means some records were rejected: the rest is indexed, as search index promises.
            if (exit is not (0 or 1))
                throw new InvalidOperationException($"search index failed (exit {exit}): {last}");
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"built the index at {index} from {corpus}{(options.Sample > 0 ? $" (first {options.Sample:N0} documents)" : "")} in {building.Elapsed.TotalSeconds:N1} s: {last}"));
        }
        finally
        {
            if (sample is not null)
                File.Delete(sample);
        }
    }

    private static void WriteSample(string corpus, int count, string path)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var d in DocumentReader.Read(corpus).Where(r => r.Document is not null).Select(r => r.Document!).Take(count))
            w.WriteLine(DocumentJson(d));
    }

    /// <summary>A document as the API and JSON Lines take it.</summary>
    internal static string DocumentJson(NewsDocument d) => JsonSerializer.Serialize(new
    {
        id = d.Id,
        title = d.Title,
        body = d.Body,
        date = d.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        source = d.Source,
        url = d.Url,
    });

    private static string RunId() => string.Concat(RandomNumberGenerator.GetBytes(8).Select(b => (char)('a' + b % 26)));

    private static HttpClient Client(string url, int connections, string? token)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>One GET; a non-2xx answer or no answer is a failure. Returns the JSON of a JSON answer.</summary>
    private static async Task<JsonElement?> GetAsync(HttpClient http, string path, string cls, ConcurrentDictionary<string, Latencies>? stats,
        ConcurrentQueue<string> failures, CancellationToken ct)
    {
        long t0 = Stopwatch.GetTimestamp();
        string? failure = null;
        JsonElement? json = null;
        try
        {
            using var response = await http.GetAsync(path, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                failure = $"{(int)response.StatusCode} for GET {path}: {Excerpt(body)}";
            else if (response.Content.Headers.ContentType?.MediaType == "application/json")
                json = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            failure = $"GET {path}: {e.GetType().Name}: {e.Message}";
        }
        stats?.GetOrAdd(cls, _ => new Latencies()).Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds, failure is not null);
        if (failure is not null)
            failures.Enqueue($"[{cls}] {failure}");
        return json;
    }

    private static async Task<long> DocumentCountAsync(HttpClient http, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/health", ct));
        return doc.RootElement.GetProperty("documents").GetInt64();
    }

    private static async Task<long> TotalAsync(HttpClient http, string word, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/search?size=1&q=" + word, ct));
        return doc.RootElement.GetProperty("total").GetInt64();
    }

    private static void Expect(ConcurrentQueue<string> failures, string when, long documents, long counted, long written, long found)
    {
        if (counted != documents)
            failures.Enqueue($"{when}: the index holds {counted:N0} documents, expected {documents:N0} (before + acknowledged writes)");
        if (found != written)
            failures.Enqueue($"{when}: {found:N0} of {written:N0} acknowledged writes are searchable");
    }

    private static string Excerpt(string s) => s.Length <= 200 ? s : s[..200] + "…";

    private static void Print(LoadReport r, TextWriter log)
    {
        var inv = CultureInfo.InvariantCulture;
        log.WriteLine(string.Create(inv, $"{"class",-14} {"requests",9} {"errors",7} {"p50 ms",8} {"p99 ms",8} {"max ms",8}"));
        void Row(string name, LatencyStats s) =>
            log.WriteLine(string.Create(inv, $"{name,-14} {s.Count,9:N0} {s.Errors,7:N0} {s.P50Ms,8:0.0} {s.P99Ms,8:0.0} {s.MaxMs,8:0.0}"));
        foreach (var (name, s) in r.Classes)
            Row(name, s);
        Row("all reads", r.Overall);
        Row("add (batch)", r.Writes.Add);
        Row("commit", r.Writes.Commit);
        var w = r.Writes;
        log.WriteLine(string.Create(inv,
            $"{r.RequestsDone:N0} requests by {r.Clients} clients in {r.ReadSeconds:N1} s: {r.RequestsPerSecond:N1} requests/s, p50 {r.Overall.P50Ms:0.0} ms, p99 {r.Overall.P99Ms:0.0} ms; {r.Overall.Errors} error responses; {r.PartialResults} partial results; stopped by the {(r.StoppedBy == "seconds" ? "time cap" : "request count")}"));
        log.WriteLine(string.Create(inv,
            $"writer: {w.Acknowledged:N0} documents acknowledged in {w.Batches:N0} batches ({w.FailedBatches} failed), {w.Commits} commits; after the final commit {w.DocumentsAfter:N0} documents (was {w.DocumentsBefore:N0}), {w.MarkerHits:N0} written found, {w.Fetched:N0} fetched; after SIGKILL and restart {w.DocumentsAfterRestart:N0} documents, {w.MarkerHitsAfterRestart:N0} found"));
        log.WriteLine(string.Create(inv, $"{(r.Ok ? "ok" : $"FAILED ({r.Failures.Count} failures)")}; {r.ElapsedSeconds:N1} s in all; seed {r.Seed}"));
    }

    /// <summary>The writer: batches of fresh documents through <c>POST /api/documents</c>, a commit every few batches and at the end.</summary>
    private sealed class Writer(LoadOptions options, string run, string marker, ConcurrentDictionary<string, Latencies> stats, ConcurrentQueue<string> failures)
    {
        private readonly CrashDocuments texts = new(options.Seed, null);

        public List<NewsDocument> Acknowledged { get; } = [];

        public int Batches { get; private set; }

        public int FailedBatches { get; private set; }

        public int Commits { get; private set; }

        public async Task RunAsync(HttpClient http, CancellationToken stop, CancellationToken ct)
        {
            long n = 0;
            while (!stop.IsCancellationRequested)
            {
                var batch = new List<NewsDocument>(options.WriteBatch);
                for (int k = 0; k < options.WriteBatch; k++, n++)
                {
                    var d = texts.Get(n);
                    batch.Add(d with { Id = $"load-{run}-{n}", Body = marker + " " + d.Body, Url = $"https://example.org/load/{run}/{n}" });
                }
                var json = "[" + string.Join(',', batch.Select(LoadTest.DocumentJson)) + "]";
                var (ok, body) = await PostAsync(http, "/api/documents", json, "add", ct);
                Batches++;
                if (ok && Added(body) == batch.Count)
                    Acknowledged.AddRange(batch);
                else
                {
                    FailedBatches++;
                    if (ok)
                        failures.Enqueue($"[add] a batch of {batch.Count} fresh documents was not all added: {Excerpt(body)}");
                }
                if (Batches % options.CommitEvery == 0)
                    await CommitAsync(http, ct);
            }
            await CommitAsync(http, ct);
        }

        private async Task CommitAsync(HttpClient http, CancellationToken ct)
        {
            if ((await PostAsync(http, "/api/commit", null, "commit", ct)).Ok)
                Commits++;
        }

        private static int Added(string body)
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.GetProperty("added").GetInt32();
        }

        private async Task<(bool Ok, string Body)> PostAsync(HttpClient http, string path, string? json, string cls, CancellationToken ct)
        {
            long t0 = Stopwatch.GetTimestamp();
            string? failure = null, body = "";
            try
            {
                using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(path, content, ct);
                body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                    failure = $"{(int)response.StatusCode} for POST {path}: {Excerpt(body)}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                failure = $"POST {path}: {e.GetType().Name}: {e.Message}";
            }
            stats.GetOrAdd(cls, _ => new Latencies()).Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds, failure is not null);
            if (failure is not null)
                failures.Enqueue($"[{cls}] {failure}");
            return (failure is null, body);
        }

        /// <summary>Fetches every acknowledged document and compares it with what was written; returns how many matched.</summary>
        public async Task<int> FetchAllAsync(HttpClient http, CancellationToken ct)
        {
            int matched = 0;
            await Parallel.ForEachAsync(Acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (d, token) =>
            {
                using var response = await http.GetAsync("/api/documents/" + Uri.EscapeDataString(d.Id), token);
                var text = await response.Content.ReadAsStringAsync(token);
                if (!response.IsSuccessStatusCode)
                {
                    failures.Enqueue($"[verify] acknowledged document {d.Id}: {(int)response.StatusCode} {Excerpt(text)}");
                    return;
                }
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement;
                if (root.GetProperty("title").GetString() != d.Title || root.GetProperty("body").GetString() != d.Body || root.GetProperty("url").GetString() != d.Url)
                    failures.Enqueue($"[verify] acknowledged document {d.Id} differs from what was written");
                else
                    Interlocked.Increment(ref matched);
            });
            return matched;
        }
    }
}

/// <summary>The latencies of one class, thread-safe.</summary>
internal sealed class Latencies
{
    public static readonly LatencyStats Empty = new(0, 0, 0, 0, 0);

    private readonly List<double> ms = [];
    private int errors;

    public void Add(double milliseconds, bool error)
    {
        lock (ms)
        {
            ms.Add(milliseconds);
            if (error)
                errors++;
        }
    }

    public static Latencies Merge(IEnumerable<Latencies> parts)
    {
        var all = new Latencies();
        foreach (var p in parts)
        {
            lock (p.ms)
            {
                all.ms.AddRange(p.ms);
                all.errors += p.errors;
            }
        }
        return all;
    }

    public LatencyStats Stats()
    {
        lock (ms)
        {
            if (ms.Count == 0)
                return Empty;
            var sorted = ms.Order().ToArray();
            return new LatencyStats(sorted.Length, errors, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
        }
    }

    /// <summary>The nearest-rank percentile of sorted values: the smallest value with at least <paramref name="p"/> of them at or below it.</summary>
    internal static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
