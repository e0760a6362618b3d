using Search.Benchmarks.Data;

namespace Search.Benchmarks.Engines;

/// <summary>
/// One engine under test, on a folder of its own: build an index of documents (add all, commit), then open it
/// for searching and run queries, top 10 with the exact total. Every engine stores id, title and body and fetches
/// what a result list shows for each hit it returns (id and title; Search also date, source and url), so they do
/// the same work.
/// </summary>
public interface IBenchEngine : IDisposable
{
    /// <summary>A short name for reports: <c>search</c>, <c>standard</c>, <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>What it is, for reports.</summary>
    string Description { get; }

    /// <summary>Adds every document on <paramref name="threads"/> threads and commits. Called once, before <see cref="OpenForSearch"/>.</summary>
    void Build(IEnumerable<NewsDocument> documents, int threads);

    /// <summary>Opens the built index for searching (closing the writer first).</summary>
    void OpenForSearch();

    /// <summary>Documents in the index (after <see cref="OpenForSearch"/>).</summary>
    long DocumentCount { get; }

    /// <summary>Bytes of the index on disk.</summary>
    long IndexBytes { get; }

    /// <summary>Runs one query and returns its exact total; the top 10 hits are fetched.</summary>
    /// <param name="query">The query, in Lucene syntax.</param>
    /// <param name="searchBox">Run it through the search-box grammar instead (only Search has one; the others ignore this).</param>
    /// <param name="feature">A search feature to run it with; all but <see cref="QueryFeature.None"/> need an index built with metadata (<see cref="Engines.Create"/>).</param>
    long Run(BenchQuery query, bool searchBox = false, QueryFeature feature = QueryFeature.None);
}

/// <summary>
/// A search feature a query runs with, each engine its own way, as a user of it would write it (<c>FeatureBenchmarks</c>).
/// Prefix and fuzzy queries are query texts (<c>word*</c>, <c>word~1</c>), not features.
/// </summary>
public enum QueryFeature
{
    /// <summary>The plain query: the 10 best with the exact total.</summary>
    None,

    /// <summary>Only documents dated <see cref="FeatureFilter.From"/> to <see cref="FeatureFilter.To"/>, both days included.</summary>
    Filtered,

    /// <summary>Also counts the matches by source and by year, the 10 most frequent of each.</summary>
    Facets,

    /// <summary>The 10 newest first instead of the 10 best (undated last).</summary>
    SortByDate,

    /// <summary>The tenth page of 10 by relevance: hits 91 to 100.</summary>
    DeepPage,

    /// <summary>Each of the 10 best with a fragment of its body, the query's words marked.</summary>
    Snippets,
}

/// <summary>The date range of <see cref="QueryFeature.Filtered"/>, and the date as the baselines index it.</summary>
public static class FeatureFilter
{
    public static readonly DateOnly From = new(1987, 1, 1);
    public static readonly DateOnly To = new(2020, 12, 31);

    /// <summary>A day as the baselines store it: <c>yyyyMMdd</c>.</summary>
    public static int Day(DateOnly day) => day.Year * 10_000 + day.Month * 100 + day.Day;

    /// <summary>A document's date as the baselines store it, or null.</summary>
    public static int? Day(DateTime? date) => date is { } d ? Day(DateOnly.FromDateTime(d)) : null;
}

public static class Engines
{
    public const string Search = "search";
    public const string Standard = "standard";
    public const string Sqlite = "sqlite";

    /// <param name="name"><see cref="Search"/>, <see cref="Standard"/> or <see cref="Sqlite"/>.</param>
    /// <param name="folder">The index's folder.</param>
    /// <param name="metadata">
    /// The baselines also index each document's date and source, for <see cref="QueryFeature"/>s (Search always does); off
    /// for the side-by-side and indexing benchmarks, whose baseline is title and body only.
    /// </param>
    public static IBenchEngine Create(string name, string folder, bool metadata = false) => name switch
    {
        Search => new SearchEngine(folder),
        Standard => new StandardLuceneEngine(folder, metadata: metadata),
        Sqlite => new SqliteFtsEngine(folder, metadata),
        _ => throw new ArgumentException($"Unknown engine '{name}': expected {Search}, {Standard} or {Sqlite}."),
    };

    /// <summary>Splits documents over threads by id, so one id always goes to one thread, and runs <paramref name="add"/> on each.</summary>
    internal static void AddInParallel(IEnumerable<NewsDocument> documents, int threads, Action<NewsDocument> add)
    {
        if (threads <= 1)
        {
            foreach (var d in documents)
                add(d);
            return;
        }
        using var queues = new QueueSet(threads);
        var workers = queues.Queues.Select(q => Task.Factory.StartNew(() =>
        {
            foreach (var d in q.GetConsumingEnumerable())
                add(d);
        }, TaskCreationOptions.LongRunning)).ToArray();
        try
        {
            foreach (var d in documents)
                queues.Queues[(int)((uint)StringComparer.Ordinal.GetHashCode(d.Id) % (uint)threads)].Add(d);
        }
        finally
        {
            foreach (var q in queues.Queues)
                q.CompleteAdding();
            Task.WaitAll(workers);
        }
    }

    private sealed class QueueSet(int n) : IDisposable
    {
        public System.Collections.Concurrent.BlockingCollection<NewsDocument>[] Queues { get; } =
            Enumerable.Range(0, n).Select(_ => new System.Collections.Concurrent.BlockingCollection<NewsDocument>(1024)).ToArray();

        public void Dispose()
        {
            foreach (var q in Queues)
                q.Dispose();
        }
    }
}
