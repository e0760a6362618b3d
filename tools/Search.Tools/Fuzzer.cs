using System.Diagnostics;
using System.Globalization;
using System.Text;
using Search.Ingest;

namespace Search.Tools;

/// <summary>What a fuzz run tried and what failed.</summary>
internal sealed record FuzzReport(IReadOnlyDictionary<string, int> Cases, long DocumentsIndexed, long Rejections, IReadOnlyList<string> Failures, TimeSpan Elapsed)
{
    public int Total => Cases.Values.Sum();
}

/// <summary>
/// Seeded hostile input for everything that takes text from outside: the search-box parser (must never throw),
/// the strict parser (only <see cref="QueryException"/>, with a position inside the text), and the JSON Lines,
/// CSV and plain-text readers (never throw; each record is a document or a rejection naming file and line; the
/// good records around a bad one are still read). Every document a reader accepts is also indexed and searched,
/// so a hostile document that breaks analysis is caught too. A case that takes over two seconds (after warm-up) is a failure.
/// </summary>
internal static class Fuzzer
{
    public static readonly string[] Targets = ["lenient", "strict", "jsonl", "csv", "text"];

    /// <summary>Runs <paramref name="cases"/> cases; one taking longer than <paramref name="slow"/> (default 2 s) fails.</summary>
    public static FuzzReport Run(int seed, int cases, TextWriter? log = null, CancellationToken ct = default, TimeSpan? slow = null)
    {
        var limit = slow ?? TimeSpan.FromSeconds(2);
        var started = Stopwatch.StartNew();
        var failures = new List<string>();
        var counts = Targets.ToDictionary(t => t, _ => 0);
        long indexed = 0, rejections = 0;
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, SearchTimeout = TimeSpan.FromSeconds(1) });
        foreach (var d in Seeds.Documents)
            index.AddOrUpdate(d);
        index.Refresh();

        for (int i = 0; i < cases && failures.Count < 100; i++)
        {
            ct.ThrowIfCancellationRequested();
            string target = Targets[i % Targets.Length];
            var rng = new Random(SeedMix.Of(seed, i));
            counts[target]++;
            var caseStarted = Stopwatch.StartNew();
            string? input = null;
            try
            {
                string? failure;
                switch (target)
                {
                    case "lenient":
                        input = Queries.Lenient(rng);
                        failure = CheckLenient(index, input);
                        break;
                    case "strict":
                        input = Queries.Strict(rng);
                        failure = CheckStrict(index, input);
                        break;
                    default:
                        var (bytes, expect) = Records.Make(target, rng);
                        input = Encoding.UTF8.GetString(bytes);
                        failure = CheckReader(target, bytes, expect, index, ref indexed, ref rejections);
                        break;
                }
                // The first round of targets pays for JIT and analyzer start-up.
                if (failure is null && i >= Targets.Length * 2 && caseStarted.Elapsed > limit)
                    failure = $"took {caseStarted.Elapsed.TotalSeconds:N1} s";
                if (failure is not null)
                    failures.Add(Describe(seed, i, target, failure, input));
            }
            catch (Exception e)
            {
                failures.Add(Describe(seed, i, target, $"unhandled {e.GetType().Name}: {e.Message}\n{e.StackTrace}", input));
            }
            if (indexed > 0 && i % 2000 == 0)
                index.Refresh();
            if (log is not null && i > 0 && i % 20_000 == 0)
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i:N0} cases, {failures.Count} failures, {started.Elapsed.TotalSeconds:N0} s"));
        }
        var report = new FuzzReport(counts, indexed, rejections, failures, started.Elapsed);
        log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Total:N0} cases ({string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value:N0}"))}); {indexed:N0} fuzzed documents indexed, {rejections:N0} rejections; {failures.Count} failures; {report.Elapsed.TotalSeconds:N1} s; seed {seed}"));
        return report;
    }

    private static string Describe(int seed, int i, string target, string failure, string? input) =>
        $"[seed {seed}, case {i}, {target}] {failure}\n  input: {Escape(input)}";

    private static string Escape(string? s)
    {
        if (s is null)
            return "(none)";
        var sb = new StringBuilder();
        foreach (var c in s.Length > 400 ? s[..400] + "…" : s)
            sb.Append(c < 32 || c is >= '\u007f' and < '\u00a0' || char.IsSurrogate(c) || c is '\u202e' or '\u202d' or '\ufffd' ? $"\\u{(int)c:x4}" : c);
        return sb.ToString();
    }

    private static string? CheckLenient(SearchIndex index, string query)
    {
        var result = index.Search(new SearchRequest { Query = query, Syntax = QuerySyntax.Lenient, Size = 5 });
        return Consistent(result);
    }

    private static string? CheckStrict(SearchIndex index, string query)
    {
        try
        {
            return Consistent(index.Search(new SearchRequest { Query = query, Syntax = QuerySyntax.Lucene, Size = 5 }));
        }
        catch (QueryException e)
        {
            if (e.Position is { } p && (p < 0 || p > query.Length))
                return $"QueryException position {p} is outside the query (length {query.Length}): {e.Message}";
            if (string.IsNullOrWhiteSpace(e.Message))
                return "QueryException without a message";
            return null;
        }
    }

    private static string? Consistent(SearchResult r)
    {
        if (r.Hits.Count > 5)
            return $"{r.Hits.Count} hits for a page of 5";
        if (r.Total < r.Hits.Count)
            return $"total {r.Total} below the {r.Hits.Count} hits returned";
        foreach (var h in r.Hits)
            if (h.Snippet is { } s && (s.Contains("<script", StringComparison.OrdinalIgnoreCase) || s.Replace("<mark>", "").Replace("</mark>", "").Contains('<')))
                return $"unescaped markup in the snippet of {h.Id}: {s}";
        return null;
    }

    private static string? CheckReader(string target, byte[] bytes, Records.Expectation expect, SearchIndex index, ref long indexed, ref long rejections)
    {
        const string file = "fuzz-input";
        var stream = new MemoryStream(bytes);
        var records = (target switch
        {
            "jsonl" => JsonLinesReader.Read(stream, file, CancellationToken.None),
            "csv" => CsvDocumentReader.Read(stream, file, CancellationToken.None),
            _ => PlainTextArticleReader.Read(stream, file, "fuzz-article", CancellationToken.None),
        }).ToList();
        foreach (var r in records)
        {
            if ((r.Document is null) == (r.Error is null))
                return $"record at line {r.Line} is neither a document nor a rejection (or both)";
            if (r.File != file)
                return $"record names file '{r.File}'";
            if (r.Line < 1)
                return $"record has line {r.Line}: {r.Error}";
            if (r.Error is not null)
            {
                rejections++;
                if (string.IsNullOrWhiteSpace(r.Error))
                    return $"rejection at line {r.Line} without a reason";
                continue;
            }
            // A document a reader accepts must be indexable and searchable, however odd its text.
            try
            {
                index.AddOrUpdate(r.Document!);
                indexed++;
            }
            catch (ArgumentException)
            {
                // Validation (e.g. an id over the length limit): a clear rejection by the index.
            }
        }
        foreach (var (line, doc) in expect.Good)
        {
            var found = records.FirstOrDefault(r => r.Document?.Id == doc.Id);
            if (found is null)
                return $"good record {doc.Id} (line {line}) around the bad one was not read; records: {string.Join(" | ", records.Select(r => r.ToString()))}";
            if (found.Line != line)
                return $"good record {doc.Id} reported at line {found.Line}, expected {line}";
            if (found.Document != doc)
                return $"good record {doc.Id} read as {found.Document}, expected {doc}";
        }
        if (target == "text" && records.Count != 1)
            return $"an article gave {records.Count} records";
        return null;
    }

    /// <summary>The documents the fuzzed queries run against: hostile text included.</summary>
    internal static class Seeds
    {
        public static readonly NewsDocument[] Documents =
        [
            new("s1", "Iran rejects direct talks", "Tehran said on Sunday it rejected direct negotiations.", new DateTime(2025, 3, 31), "AP"),
            new("s2", "Houthi rebels fire missiles", "The Houthis fired missiles at ships in the Red Sea.", new DateTime(2024, 1, 12), "Reuters"),
            new("s3", "<script>alert(1)</script> title", "Body <img src=x onerror=alert(1)> & \u202eevil\u202c text about Tehran", new DateTime(2020, 6, 1), "<b>Hostile</b>"),
            new("s4", "Gaddafi and Qaddafi", "Kadhafi, Gadhafi, القذافي in one text. Zürich café naïve.", null, null),
        ];
    }
}
