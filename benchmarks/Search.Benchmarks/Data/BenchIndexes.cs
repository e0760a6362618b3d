using System.Security.Cryptography;
using System.Text;
using Search.Benchmarks.Engines;
using Search.Indexing;

namespace Search.Benchmarks.Data;

/// <summary>
/// The indexes the BenchmarkDotNet query classes search: one per engine over the benchmark corpus (see
/// <see cref="BenchData.BdnCorpus"/>), built once and kept in a cache folder keyed by the corpus files and the analysis
/// fingerprint, so the separate processes BenchmarkDotNet starts do not each rebuild them.
/// </summary>
internal static class BenchIndexes
{
    // Bump when an engine's build changes in a way the key cannot see.
    private const string CacheVersion = "2"; // 2: the baselines index date and source (QueryFeature)

    private static readonly Lazy<LoadedCorpus> LazyCorpus = new(() => BenchData.LoadCorpus(BenchData.BdnCorpus()));
    private static readonly Lazy<IReadOnlyList<BenchQuery>> LazyQueries = new(() => BenchData.LoadQueries(BenchData.BdnQueries()));
    private static readonly Dictionary<string, IBenchEngine> Open = [];

    public static LoadedCorpus Corpus => LazyCorpus.Value;

    public static IReadOnlyList<BenchQuery> Queries => LazyQueries.Value;

    /// <summary>Whether the benchmarks run on the corpus the query set was drawn from (so every query must find something).</summary>
    public static bool FullCorpus => BenchData.SharedCorpus is { } shared
        && BenchData.BdnCorpus().Select(Path.GetFullPath).SequenceEqual([Path.GetFullPath(shared)]);

    /// <summary>The engine's index over the benchmark corpus, open for searching.</summary>
    public static IBenchEngine Get(string engine)
    {
        lock (Open)
        {
            if (Open.TryGetValue(engine, out var e))
                return e;
            var folder = CachedFolder(engine);
            e = Engines.Engines.Create(engine, folder, metadata: true);
            e.OpenForSearch();
            Open[engine] = e;
            return e;
        }
    }

    /// <summary>The folder of the engine's cached index, built now when missing.</summary>
    public static string CachedFolder(string engine)
    {
        var folder = Path.Combine(Path.GetTempPath(), "search-bench-cache", Key(), engine);
        var marker = Path.Combine(folder, "complete.txt");
        if (File.Exists(marker))
            return folder;
        BenchData.TryDelete(folder);
        Directory.CreateDirectory(folder);
        Console.Error.WriteLine($"// building the {engine} index of {Corpus.Documents.Count:N0} documents in {folder}");
        using (var e = Engines.Engines.Create(engine, folder, metadata: true))
            e.Build(Corpus.Documents, Math.Min(2, Environment.ProcessorCount));
        File.WriteAllText(marker, Corpus.UniqueIds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return folder;
    }

    private static string Key()
    {
        var sb = new StringBuilder(CacheVersion).Append('\n').Append(Schema.Fingerprint).Append('\n').Append(Schema.Version).Append('\n');
        foreach (var path in BenchData.BdnCorpus())
        {
            var full = Path.GetFullPath(path);
            var files = Directory.Exists(full) ? Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray() : [full];
            foreach (var f in files)
            {
                var info = new FileInfo(f);
                sb.Append(f).Append(' ').Append(info.Length).Append(' ').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }
}
