using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Icu;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Search.Analysis;

/// <summary>The English pipeline for title and body.</summary>
internal static class EnglishChain
{
    internal static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Order: the possessive goes before folding (it looks for the apostrophe, which folding keeps),
    // folding before stop words (so "The" is a stop word), stemming last (the stemmer wants lower case).
    private const string Description =
        "StandardTokenizer(maxTokenLength=255) → EnglishPossessiveFilter → ICUFoldingFilter → " +
        "StopFilter(English) → PorterStemFilter";

    internal static AnalysisChain Create() => new(Pipelines.English, Description, Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream ts = new EnglishPossessiveFilter(Version, tokenizer);
        ts = new ICUFoldingFilter(ts);
        ts = new StopFilter(Version, ts, EnglishAnalyzer.DefaultStopSet);
        ts = new PorterStemFilter(ts);
        return new TokenStreamComponents(tokenizer, ts);
    }));
}

/// <summary>The lossless pipeline: words as written, case and accents kept.</summary>
internal static class ExactChain
{
    private const string Description = "StandardTokenizer(maxTokenLength=255)";

    internal static AnalysisChain Create() => new(Pipelines.Exact, Description, Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new StandardTokenizer(EnglishChain.Version, reader);
        return new TokenStreamComponents(tokenizer);
    }));
}
