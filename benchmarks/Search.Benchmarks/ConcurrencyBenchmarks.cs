using BenchmarkDotNet.Attributes;
using Search.Benchmarks.Data;

namespace Search.Benchmarks;

/// <summary>
/// Queries per second with 1, 2 and 4 search threads while one writer indexes: the whole query set (Lucene syntax,
/// top 10 with the exact total) shared out over the search threads, on a copy of the benchmark index that a writer
/// thread keeps adding documents to (fresh ids, refresh every second). The time is per query; QPS = 1 / time.
/// </summary>
[BenchmarkCategory("Concurrency")]
[MemoryDiagnoser]
public class ConcurrencyBenchmarks
{
    private const int QueryCount = 230;

    private BenchQuery[] queries = [];
    private long[] atLeast = [];
    private string? folder;
    private SearchIndex? index;
    private CancellationTokenSource? stop;
    private Task? writer;
    private long written;

    [Params(1, 2, 4)]
    public int SearchThreads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var source = BenchIndexes.CachedFolder(Engines.Engines.Search);
        folder = BenchData.TempFolder("concurrency");
        BenchData.CopyFolder(source, folder);
        index = SearchIndex.Open(folder, new SearchIndexOptions { RefreshInterval = TimeSpan.FromSeconds(1) });
        var all = BenchIndexes.Queries;
        queries = Enumerable.Range(0, QueryCount).Select(i => all[i % all.Count]).ToArray();
        atLeast = queries.Select(q => index.Search(Request(q)).Total).ToArray();
        if (atLeast.Sum() == 0)
            throw new InvalidOperationException("The query set finds nothing.");
        var docs = BenchIndexes.Corpus.Documents;
        stop = new CancellationTokenSource();
        writer = Task.Factory.StartNew(() =>
        {
            for (int round = 0; !stop.IsCancellationRequested; round++)
                foreach (var d in docs)
                {
                    if (stop.IsCancellationRequested)
                        break;
                    index.AddOrUpdate(d with { Id = $"{d.Id}~c{round}" });
                    Interlocked.Increment(ref written);
                }
        }, TaskCreationOptions.LongRunning);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        stop?.Cancel();
        writer?.Wait();
        index?.Dispose();
        BenchData.TryDelete(folder);
        if (Interlocked.Read(ref written) == 0)
            throw new InvalidOperationException("The writer indexed nothing while the searches ran.");
    }

    [Benchmark(OperationsPerInvoke = QueryCount)]
    public long Queries()
    {
        long sum = 0;
        Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = SearchThreads }, i =>
        {
            long total = index!.Search(Request(queries[i])).Total;
            // The writer only adds documents: a query finds at least what it found at the start.
            if (total < atLeast[i])
                throw new InvalidOperationException($"{queries[i].Id}: {total} hits, fewer than the {atLeast[i]} at the start.");
            Interlocked.Add(ref sum, total);
        });
        return sum;
    }

    private static SearchRequest Request(BenchQuery q) => new()
    {
        Query = q.Text,
        Syntax = QuerySyntax.Lucene,
        Size = 10,
        IncludeFacets = false,
        IncludeSnippets = false,
    };
}
