using BenchmarkDotNet.Attributes;
using Search.Benchmarks.Data;
using Search.Benchmarks.Engines;

namespace Search.Benchmarks;

/// <summary>
/// Indexing throughput: build an index of <see cref="Documents"/> documents on disk (add all + commit) with Search's
/// full analysis on one and two threads, plain StandardAnalyzer Lucene.Net (the baseline) and SQLite FTS5. The
/// documents are an even mix of the benchmark corpus (every n-th document, so every collection is in it: full articles,
/// wires, headlines, Arabic, Persian). Times and allocations are per document (OperationsPerInvoke).
/// </summary>
[BenchmarkCategory("Indexing")]
[MemoryDiagnoser]
public class IndexingBenchmarks
{
    /// <summary>Documents per build.</summary>
    public const int Documents = 2000;

    private NewsDocument[] docs = [];
    private string? folder;

    [GlobalSetup]
    public void Setup()
    {
        var all = BenchIndexes.Corpus.Documents;
        if (all.Count < Documents)
            throw new InvalidOperationException($"The corpus has {all.Count} documents; {Documents} are needed.");
        docs = BenchData.EvenMix(all, Documents).ToArray();
        if (docs.Select(d => d.Id).Distinct().Count() != Documents)
            throw new InvalidOperationException("The mix has repeated ids.");
    }

    [IterationSetup]
    public void NewFolder() => folder = BenchData.TempFolder("indexing");

    [IterationCleanup]
    public void DeleteFolder() => BenchData.TryDelete(folder);

    [Benchmark(Baseline = true, OperationsPerInvoke = Documents)]
    public long StandardAnalyzer() => Build(Engines.Engines.Standard, 1);

    [Benchmark(OperationsPerInvoke = Documents)]
    public long SearchOneThread() => Build(Engines.Engines.Search, 1);

    [Benchmark(OperationsPerInvoke = Documents)]
    public long SearchTwoThreads() => Build(Engines.Engines.Search, 2);

    [Benchmark(OperationsPerInvoke = Documents)]
    public long SqliteFts5() => Build(Engines.Engines.Sqlite, 1);

    private long Build(string name, int threads)
    {
        using var engine = Engines.Engines.Create(name, folder!);
        engine.Build(docs, threads);
        engine.OpenForSearch();
        return Checks.Equal(engine.DocumentCount, Documents, $"{name}: documents in the index");
    }
}
