using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Icu;
using Lucene.Net.Analysis.Standard;

namespace Search.Analysis.Names;

/// <summary>
/// The name pipelines: the lossy name form (<see cref="Pipelines.Name"/>) and the variant lexicon
/// (<see cref="Pipelines.Lexicon"/>).
/// </summary>
internal static class NameChains
{
    private const string NameDescription = "StandardTokenizer(maxTokenLength=255) → ICUFoldingFilter";

    internal static AnalysisChain CreateName() => new(Pipelines.Name, NameDescription, Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new StandardTokenizer(EnglishChain.Version, reader);
        TokenStream ts = new ICUFoldingFilter(tokenizer);
        return new TokenStreamComponents(tokenizer, ts);
    }));

    private const string LexiconDescription = "StandardTokenizer(maxTokenLength=255) → ICUFoldingFilter";

    internal static AnalysisChain CreateLexicon() => new(Pipelines.Lexicon, LexiconDescription, Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new StandardTokenizer(EnglishChain.Version, reader);
        TokenStream ts = new ICUFoldingFilter(tokenizer);
        return new TokenStreamComponents(tokenizer, ts);
    }));
}
