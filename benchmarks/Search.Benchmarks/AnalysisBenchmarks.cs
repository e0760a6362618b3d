using BenchmarkDotNet.Attributes;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Search.Analysis;

namespace Search.Benchmarks;

/// <summary>Tokens per second of Search's pipelines against Lucene's StandardAnalyzer, on news text.</summary>
[BenchmarkCategory("Indexing")]
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    private const string Text =
        "Iran's president said Sunday that the Islamic Republic rejected direct negotiations with the United States " +
        "over its rapidly advancing nuclear program, offering Tehran's first response to a letter that U.S. President " +
        "Donald Trump sent to the country's supreme leader, Ayatollah Ali Khamenei. The Houthi rebels of Yemen, " +
        "backed by Tehran, kept up their attacks; Hezbollah and the Quds Force were also named. طهران تهران الحوثي";

    private readonly Analyzer standard = new StandardAnalyzer(LuceneVersion.LUCENE_48);
    private int expectedStandardTokens;

    [GlobalSetup]
    public void Setup() => expectedStandardTokens = Count(standard, Text);

    [Benchmark(Baseline = true)]
    public int StandardAnalyzer() => Check(Count(standard, Text), expectedStandardTokens);

    [Benchmark]
    public int SearchAllPipelines()
    {
        int n = 0;
        foreach (var pipeline in new[] { Pipelines.English, Pipelines.Exact, Pipelines.Name, Pipelines.Lexicon })
            n += Count(AnalyzerRegistry.Default.Get(pipeline).Analyzer, Text);
        // Every pipeline yields at least the English pipeline's words: fewer means a broken chain.
        return Check(n, expectedStandardTokens * 2, atLeast: true);
    }

    private static int Count(Analyzer analyzer, string text)
    {
        using var ts = analyzer.GetTokenStream("f", text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        ts.Reset();
        int n = 0;
        while (ts.IncrementToken())
            n += term.Length > 0 ? 1 : 0;
        ts.End();
        return n;
    }

    private static int Check(int actual, int expected, bool atLeast = false) =>
        (atLeast ? actual >= expected : actual == expected) && expected > 0
            ? actual
            : throw new InvalidOperationException($"Token count {actual}, expected {(atLeast ? "at least " : "")}{expected}.");
}
