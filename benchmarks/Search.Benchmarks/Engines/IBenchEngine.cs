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
    long Run(BenchQuery query, bool searchBox = false);
}

public static class Engines
{
    public const string Search = "search";
    public const string Standard = "standard";
    public const string Sqlite = "sqlite";

    public static IBenchEngine Create(string name, string folder) => name switch
    {
        Search => new SearchEngine(folder),
        Standard => new StandardLuceneEngine(folder),
        Sqlite => new SqliteFtsEngine(folder),
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
