using System.Text;
using Search.Ingest;

namespace Search.Benchmarks.Data;

/// <summary>One query of the query set: its id, its class (<c>term_freq</c>, <c>and2</c>, <c>name</c>…) and its text in Lucene syntax.</summary>
public sealed record BenchQuery(string Id, string Type, string Text)
{
    /// <summary>The classes whose text is a name as a user types it: run through the search box as well.</summary>
    public bool IsName => Type is "name" or "name_and";
}

/// <summary>Where the benchmarks find their inputs, and loading them.</summary>
public static class BenchData
{
    /// <summary>Set by <c>--dry</c>: the BenchmarkDotNet classes use the bundled sample, whatever else is there.</summary>
    public const string DryVariable = "SEARCH_BENCH_DRY";

    /// <summary>Overrides the corpus of the BenchmarkDotNet classes: files or folders, separated by the path separator.</summary>
    public const string CorpusVariable = "SEARCH_BENCH_CORPUS";

    /// <summary>Overrides the query set of the BenchmarkDotNet classes.</summary>
    public const string QueriesVariable = "SEARCH_BENCH_QUERIES";

    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding Search.sln, found by walking up from the current folder or the program's folder.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The bundled sample documents (index-data/docs): always there, small.</summary>
    public static string SampleCorpus => Path.Combine(RepositoryRoot, "index-data", "docs");

    /// <summary>The shared corpus beside the repository (../shared/corpus), or <c>null</c> when absent.</summary>
    public static string? SharedCorpus => FirstExisting(Path.Combine(RepositoryRoot, "..", "shared", "corpus"), "/work/shared/corpus");

    /// <summary>The query set: ../shared/bench/queries.tsv, or the copy bundled with the benchmarks.</summary>
    public static string DefaultQueries =>
        FirstExisting(Path.Combine(RepositoryRoot, "..", "shared", "bench", "queries.tsv"), "/work/shared/bench/queries.tsv")
        ?? Path.Combine(RepositoryRoot, "benchmarks", "Search.Benchmarks", "Data", "queries.tsv");

    public static bool IsDry => Environment.GetEnvironmentVariable(DryVariable) == "1";

    /// <summary>
    /// The corpus of the BenchmarkDotNet classes: <see cref="CorpusVariable"/> when set; the sample in a dry run or
    /// when the shared corpus is absent; else the shared corpus.
    /// </summary>
    public static IReadOnlyList<string> BdnCorpus()
    {
        var set = Environment.GetEnvironmentVariable(CorpusVariable);
        if (!string.IsNullOrWhiteSpace(set))
            return set.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return [IsDry ? SampleCorpus : SharedCorpus ?? SampleCorpus];
    }

    public static string BdnQueries() =>
        Environment.GetEnvironmentVariable(QueriesVariable) is { Length: > 0 } q ? q : DefaultQueries;

    /// <summary>Reads every document of the paths into memory; rejected records are counted, not fatal.</summary>
    public static LoadedCorpus LoadCorpus(IEnumerable<string> paths)
    {
        var docs = new List<NewsDocument>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long rejected = 0, bytes = 0, duplicates = 0;
        foreach (var path in paths)
        {
            foreach (var record in DocumentReader.Read(path))
            {
                if (record.Document is not { } d)
                {
                    rejected++;
                    continue;
                }
                if (!seen.Add(d.Id))
                    duplicates++;
                docs.Add(d);
                bytes += TextBytes(d);
            }
        }
        return new LoadedCorpus(docs, seen.Count, bytes, rejected, duplicates);
    }

    /// <summary>UTF-8 bytes of a document's title and body: the text every engine analyses.</summary>
    public static long TextBytes(NewsDocument d) =>
        (d.Title is null ? 0 : Encoding.UTF8.GetByteCount(d.Title)) + (d.Body is null ? 0 : Encoding.UTF8.GetByteCount(d.Body));

    /// <summary>Reads a tab-separated query set: a header row, then <c>id, type, query</c>.</summary>
    public static IReadOnlyList<BenchQuery> LoadQueries(string path)
    {
        var queries = new List<BenchQuery>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var parts = line.Split('\t');
            if (parts.Length < 3)
                throw new InvalidDataException($"{path}: expected id, type and query separated by tabs: {line}");
            queries.Add(new BenchQuery(parts[0], parts[1], parts[2]));
        }
        return queries.Count > 0 ? queries : throw new InvalidDataException($"{path}: no queries.");
    }

    /// <summary>
    /// <paramref name="n"/> documents spread evenly over <paramref name="docs"/> (every k-th), so every collection of the
    /// corpus is in the mix; all of them when <paramref name="n"/> is null or not less than their count.
    /// </summary>
    public static IReadOnlyList<NewsDocument> EvenMix(IReadOnlyList<NewsDocument> docs, int? n) =>
        n is { } m && m < docs.Count ? Enumerable.Range(0, m).Select(i => docs[(int)((long)i * docs.Count / m)]).ToList() : docs;

    /// <summary><paramref name="copies"/> copies of the documents, each copy after the first with fresh ids.</summary>
    public static IEnumerable<NewsDocument> Replicate(IReadOnlyList<NewsDocument> docs, int copies)
    {
        for (int c = 0; c < copies; c++)
            foreach (var d in docs)
                yield return c == 0 ? d : d with { Id = $"{d.Id}~{c}" };
    }

    /// <summary>A fresh empty folder under the temporary folder.</summary>
    public static string TempFolder(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "search-bench", $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..Math.Min(48, name.Length + 20)]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Copies the files of <paramref name="from"/> (an index: no subfolders) into <paramref name="to"/>, made if missing.</summary>
    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    public static long FolderBytes(string dir) =>
        new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    public static void TryDelete(string? dir)
    {
        try
        {
            if (dir is not null && Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platform: the temporary folder is cleaned up later.
        }
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Search.sln")))
                    return dir.FullName;
        }
        throw new DirectoryNotFoundException("Cannot find the folder holding Search.sln above the current folder or the program.");
    }

    private static string? FirstExisting(params string[] paths) =>
        paths.Select(Path.GetFullPath).FirstOrDefault(p => Directory.Exists(p) || File.Exists(p));
}

/// <summary>A corpus held in memory.</summary>
/// <param name="Documents">Every document read, in input order.</param>
/// <param name="UniqueIds">Distinct ids: the document count an index must end with.</param>
/// <param name="TextBytes">UTF-8 bytes of every title and body.</param>
/// <param name="Rejected">Records the readers rejected.</param>
/// <param name="DuplicateIds">Records whose id came earlier (they replace it).</param>
public sealed record LoadedCorpus(IReadOnlyList<NewsDocument> Documents, int UniqueIds, long TextBytes, long Rejected, long DuplicateIds);
