using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Search.Tools;

/// <summary>Options of a crash run.</summary>
/// <param name="Index">The index folder (created; an existing one is deleted first).</param>
/// <param name="Kills">How many times to kill the indexing child.</param>
/// <param name="Seed">Seeds the documents, the batch sizes and where and when each kill lands.</param>
/// <param name="Corpus">Documents to index (any format <c>search index</c> reads); generated text when <c>null</c>.</param>
/// <param name="MaxBatch">The largest batch the child adds between two commits.</param>
internal sealed record CrashOptions(string Index, int Kills, int Seed, string? Corpus = null, int MaxBatch = 500);

/// <summary>What a crash run found.</summary>
internal sealed record CrashReport(int Kills, long DocumentsVerified, long LastAcknowledged, long LastInIndex,
    IReadOnlyDictionary<string, int> KilledIn, IReadOnlyList<string> Failures, TimeSpan Elapsed)
{
    public bool Ok => Failures.Count == 0 && Kills > 0;
}

/// <summary>
/// The crash test: starts a real indexing process (<see cref="CrashChild"/>), kills it with SIGKILL at a seeded
/// moment aimed at a batch, a commit or a merge, and after each kill checks that Lucene's CheckIndex finds no
/// problem, that every acknowledged document is there with its exact stored text (later ones may or may not be,
/// but the index holds a prefix c0..c(M-1) with M at least the acknowledged count: commits are atomic), and that
/// a writer can open the index at once (no stale lock).
/// </summary>
internal static class CrashTest
{
    private static readonly string[] Phases = ["batch", "commit", "merge"];

    public static async Task<CrashReport> RunAsync(CrashOptions options, TextWriter log, CancellationToken ct = default)
    {
        var started = Stopwatch.StartNew();
        var index = Path.GetFullPath(options.Index);
        if (System.IO.Directory.Exists(index))
            System.IO.Directory.Delete(index, recursive: true);
        System.IO.Directory.CreateDirectory(index);
        var ackLog = Path.Combine(Path.GetDirectoryName(index)!, Path.GetFileName(index) + ".acks");
        File.Delete(ackLog);
        var docs = new CrashDocuments(options.Seed, options.Corpus);
        var rng = new Random(options.Seed);
        var failures = new List<string>();
        var killedIn = Phases.Concat(["startup", "other"]).ToDictionary(p => p, _ => 0);
        long verified = 0, acknowledged = 0, inIndex = 0;
        int kills = 0;

        while (kills < options.Kills && failures.Count == 0)
        {
            ct.ThrowIfCancellationRequested();
            var phase = Phases[rng.Next(Phases.Length)];
            // Into the phase: a batch takes tens of ms, a commit a few ms, a merge up to hundreds.
            double delayMs = phase switch { "batch" => rng.NextDouble() * 40, "commit" => rng.NextDouble() * 4, _ => rng.NextDouble() * 60 };
            // Let a few earlier batches or commits go by now and then, so kills land in later rounds too.
            int skip = phase == "merge" ? 0 : rng.Next(3);
            var (landed, error) = await RunAndKillAsync(options, index, ackLog, phase, skip, delayMs, ct);
            if (error is not null)
            {
                failures.Add($"kill {kills + 1}: {error}");
                break;
            }
            kills++;
            killedIn[landed] = killedIn.GetValueOrDefault(landed) + 1;

            acknowledged = LastAcknowledged(ackLog);
            var check = Verify(index, docs, acknowledged);
            failures.AddRange(check.Failures.Select(f => $"kill {kills} (aimed at {phase}, landed in {landed}): {f}"));
            verified += check.Verified;
            inIndex = check.InIndex;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"kill {kills,3}: aimed at {phase,-6} +{delayMs,5:0.0} ms, landed in {landed,-8} acknowledged {acknowledged,7:N0}, in index {inIndex,7:N0}, verified {check.Verified,7:N0}: {(check.Failures.Count == 0 ? "ok" : "FAILED")}"));
        }
        File.Delete(ackLog);
        return new CrashReport(kills, verified, acknowledged, inIndex, killedIn, failures, started.Elapsed);
    }

    private static async Task<(string Landed, string? Error)> RunAndKillAsync(CrashOptions options, string index, string ackLog,
        string phase, int skip, double delayMs, CancellationToken ct)
    {
        var psi = ChildStartInfo(["crash-child", "--index", index, "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
            "--log", ackLog, "--max-batch", options.MaxBatch.ToString(CultureInfo.InvariantCulture),
            .. options.Corpus is null ? Array.Empty<string>() : ["--corpus", Path.GetFullPath(options.Corpus)]]);
        using var child = Process.Start(psi) ?? throw new InvalidOperationException("could not start the crash child");
        var stderr = child.StandardError.ReadToEndAsync(ct);
        string last = "startup";
        var aimed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int markers = 0;
        var reader = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync(ct) is { } line)
            {
                Volatile.Write(ref last, line.Split(' ')[0]);
                if (line == phase && ++markers > skip)
                    aimed.TrySetResult();
            }
        }, ct);

        // A merge comes every third round: allow time for the child to start and get there.
        var deadline = Task.Delay(TimeSpan.FromSeconds(60), ct);
        if (await Task.WhenAny(aimed.Task, deadline, child.WaitForExitAsync(ct)) != aimed.Task)
        {
            if (!child.HasExited)
                child.Kill();
            await child.WaitForExitAsync(CancellationToken.None);
            return ("other", $"the child never reached '{phase}' (exit {(child.HasExited ? child.ExitCode : -1)}): {await stderr}");
        }
        SpinWait(delayMs);
        string landed = Volatile.Read(ref last);
        child.Kill(); // SIGKILL on Unix: no finally blocks, no Dispose, no flush
        await child.WaitForExitAsync(CancellationToken.None);
        try
        {
            await reader;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The pipe closed under the reader.
        }
        return (landed switch { "batch" or "commit" or "merge" or "startup" => landed, "committed" => "other", _ => "startup" }, null);
    }

    // Task.Delay's resolution is too coarse to land inside a commit of a few milliseconds.
    private static void SpinWait(double ms)
    {
        var until = Stopwatch.GetTimestamp() + (long)(ms * Stopwatch.Frequency / 1000);
        while (Stopwatch.GetTimestamp() < until)
            Thread.SpinWait(50);
    }

    private static long LastAcknowledged(string ackLog)
    {
        if (!File.Exists(ackLog))
            return 0;
        long last = 0;
        foreach (var line in File.ReadLines(ackLog))
            if (line.StartsWith("committed ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(10), CultureInfo.InvariantCulture, out var n))
                last = n;
        return last;
    }

    internal sealed record Check(long Verified, long InIndex, List<string> Failures);

    /// <summary>The checks after a kill, on the index as the killed process left it.</summary>
    internal static Check Verify(string index, CrashDocuments docs, long acknowledged)
    {
        var failures = new List<string>();
        long verified = 0, count = 0;
        using (var dir = new NIOFSDirectory(index))
        {
            var status = new CheckIndex(dir) { InfoStream = null }.DoCheckIndex();
            if (!status.Clean)
                failures.Add($"CheckIndex found problems: {status.NumBadSegments} bad segment(s), missing segments: {status.MissingSegments}, cannot load: {status.CantOpenSegments}");
            if (failures.Count > 0)
                return new Check(0, 0, failures);

            using var reader = DirectoryReader.Open(dir);
            var seen = new HashSet<long>();
            foreach (var leaf in reader.Leaves)
            {
                var live = leaf.AtomicReader.LiveDocs;
                // The lexicon documents (the spellings' terms, no id) are not articles.
                var lexicon = new HashSet<int>();
                var kinds = leaf.AtomicReader.GetTermDocsEnum(Search.Indexing.LexiconDocuments.KindTerm);
                for (int d = kinds?.NextDoc() ?? Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS; d != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS; d = kinds!.NextDoc())
                    lexicon.Add(d);
                for (int d = 0; d < leaf.AtomicReader.MaxDoc; d++)
                {
                    if (live is not null && !live.Get(d) || lexicon.Contains(d))
                        continue;
                    var stored = leaf.AtomicReader.Document(d);
                    var doc = Search.Indexing.DocumentMapper.FromLucene(stored);
                    long n = CrashDocuments.NumberOf(doc.Id);
                    if (!seen.Add(n))
                        failures.Add($"document {doc.Id} is in the index twice");
                    var expected = docs.Get(n);
                    if (doc != expected)
                        failures.Add($"document {doc.Id} differs from what was written: {Diff(expected, doc)}");
                    else
                        verified++;
                }
            }
            count = seen.Count;
            for (long n = 0; n < Math.Max(acknowledged, count); n++)
            {
                if (!seen.Contains(n))
                {
                    failures.Add(n < acknowledged
                        ? $"acknowledged document {CrashDocuments.IdOf(n)} is missing (acknowledged: {acknowledged})"
                        : $"the index is not a prefix: {CrashDocuments.IdOf(n)} is missing but {count} documents are there");
                    break;
                }
            }
        }

        // Indexing resumes at once: a writer gets the lock the killed process held.
        try
        {
            using var writer = SearchIndex.Open(index, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
            if (writer.GetStats().Documents != count)
                failures.Add($"a writer sees {writer.GetStats().Documents} documents, the reader {count}");
        }
        catch (SearchException e)
        {
            failures.Add($"cannot open a writer after the kill: {e.Message}");
        }
        return new Check(verified, count, failures);
    }

    private static string Diff(NewsDocument expected, NewsDocument actual) =>
        expected.Title != actual.Title ? "title"
        : expected.Body != actual.Body ? $"body ({expected.Body?.Length} chars written, {actual.Body?.Length} stored)"
        : expected.Date != actual.Date ? $"date {expected.Date:o} written, {actual.Date:o} stored"
        : expected.Source != actual.Source ? "source"
        : "url";

    /// <summary>The <c>dotnet</c> host that runs this process (or the one on the PATH).</summary>
    internal static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    /// <summary>How to start this tool as a child: <c>dotnet search-tools.dll ARGS</c> with this runtime's host.</summary>
    internal static ProcessStartInfo ChildStartInfo(IEnumerable<string> args)
    {
        var dll = typeof(CrashTest).Assembly.Location;
        var psi = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("exec");
        // Under a test host the tool's own runtimeconfig may be absent: borrow the host process's.
        var config = Path.ChangeExtension(dll, ".runtimeconfig.json");
        if (!File.Exists(config))
        {
            var hostDll = Path.Combine(AppContext.BaseDirectory, Path.GetFileNameWithoutExtension(Environment.ProcessPath ?? "") + ".runtimeconfig.json");
            config = System.IO.Directory.EnumerateFiles(AppContext.BaseDirectory, "*.runtimeconfig.json").FirstOrDefault() ?? hostDll;
        }
        psi.ArgumentList.Add("--runtimeconfig");
        psi.ArgumentList.Add(config);
        var deps = Path.ChangeExtension(dll, ".deps.json");
        if (File.Exists(deps))
        {
            psi.ArgumentList.Add("--depsfile");
            psi.ArgumentList.Add(deps);
        }
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return psi;
    }
}
