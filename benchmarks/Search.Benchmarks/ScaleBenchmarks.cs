using BenchmarkDotNet.Attributes;
using Search.Benchmarks.Data;
using Search.Benchmarks.Engines;

namespace Search.Benchmarks;

/// <summary>
/// Scale: how Search's build time and query time grow with the collection, at 1×, 4× and 16× copies of an even mix of
/// the benchmark corpus (every copy after the first with fresh ids, <see cref="BenchData.Replicate"/>). <see cref="Build"/>
/// indexes the copies (add all + commit, one thread) and checks the document count; <see cref="QuerySet"/> runs every
/// query of the set once, top 10 with the exact total, on the index of that scale, whose every total was checked in
/// setup to be exactly k times the 1× total. The 1× rows are the baseline: compare the rows of one run. The per-query
/// percentiles and the index sizes at each scale come from the side-by-side harness (<c>side-by-side --scale 1,4,16</c>);
/// the setup writes each scale's index size to the log.
/// </summary>
[BenchmarkCategory("Scale")]
public class ScaleBenchmarks
{
    /// <summary>Documents in the 1× mix (fewer in a dry run, which only checks that the benchmarks work).</summary>
    public static int MixDocuments => BenchData.IsDry ? 250 : 1000;

    private NewsDocument[] mix = [];
    private BenchQuery[] queries = [];
    private SearchEngine? scaled;
    private string? buildFolder, queryFolder;
    private long expectedTotal;

    /// <summary>Copies of the mix.</summary>
    [Params(1, 4, 16)]
    public int Copies { get; set; }

    [GlobalSetup(Target = nameof(Build))]
    public void SetupBuild() => mix = Mix();

    [GlobalSetup(Target = nameof(QuerySet))]
    public void SetupQueries()
    {
        mix = Mix();
        queries = BenchIndexes.Queries.ToArray();
        // The 1x index gives the totals every scale must multiply; at 1x it is the index searched.
        scaled = Built(1, out queryFolder);
        try
        {
            var ones = Totals(scaled);
            if (Copies != 1)
            {
                Cleanup();
                scaled = Built(Copies, out queryFolder);
            }
            var totals = Totals(scaled);
            for (int i = 0; i < queries.Length; i++)
                Checks.Equal(totals[i], ones[i] * Copies, $"{queries[i].Id} ({queries[i].Text}) at {Copies}x: total");
            expectedTotal = totals.Sum();
            Console.WriteLine($"// scale {Copies}x: {mix.Length * Copies:N0} documents, index {BenchData.FolderBytes(queryFolder!) / 1e6:F1} MB");
        }
        catch
        {
            Cleanup();
            throw;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        scaled?.Dispose();
        scaled = null;
        BenchData.TryDelete(queryFolder);
    }

    [IterationSetup(Target = nameof(Build))]
    public void NewFolder() => buildFolder = BenchData.TempFolder("scale");

    [IterationCleanup(Target = nameof(Build))]
    public void DeleteFolder() => BenchData.TryDelete(buildFolder);

    /// <summary>Indexes the copies into an empty folder.</summary>
    [Benchmark]
    public long Build()
    {
        using var engine = new SearchEngine(buildFolder!);
        engine.Build(BenchData.Replicate(mix, Copies), 1);
        engine.OpenForSearch();
        return Checks.Equal(engine.DocumentCount, (long)mix.Length * Copies, $"{Copies}x: documents in the index");
    }

    /// <summary>Every query of the set once on the index of the copies; the sum of the totals is checked.</summary>
    [Benchmark]
    public long QuerySet()
    {
        long sum = 0;
        foreach (var q in queries)
            sum += scaled!.Run(q);
        return Checks.Equal(sum, expectedTotal, $"{Copies}x: total hits of the query set");
    }

    /// <summary>An even mix of the corpus (<see cref="BenchData.EvenMix"/>).</summary>
    private static NewsDocument[] Mix()
    {
        var docs = BenchData.EvenMix(BenchIndexes.Corpus.Documents, MixDocuments).ToArray();
        return docs.Select(d => d.Id).Distinct().Count() == docs.Length ? docs : throw new InvalidOperationException("The mix has repeated ids.");
    }

    private SearchEngine Built(int copies, out string folder)
    {
        folder = BenchData.TempFolder("scale-q");
        using (var writer = new SearchEngine(folder))
            writer.Build(BenchData.Replicate(mix, copies), Math.Min(2, Environment.ProcessorCount));
        var engine = new SearchEngine(folder);
        engine.OpenForSearch();
        return engine;
    }

    private long[] Totals(SearchEngine engine) => queries.Select(q => engine.Run(q)).ToArray();
}
