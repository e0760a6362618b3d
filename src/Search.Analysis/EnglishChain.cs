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

/// <summary>
/// The lossless pipeline: words exactly as written — case, accents, apostrophes and inner hyphens kept
/// (<c>Khamene'i</c>, <c>Tel-Aviv</c>, <c>Karbala'</c> stay themselves) — so the spelling a user typed can
/// rank above every variant. Only sentence punctuation around a word and an English possessive
/// (<c>Iran's</c> → <c>Iran</c>) are dropped: they are grammar, not spelling.
/// </summary>
internal static class ExactChain
{
    // A word: letters, marks, digits, connector punctuation, apostrophe-like signs (ASCII, typographic,
    // modifier letters for ʿayn and hamza), hyphens and the zero-width (non-)joiners of Persian; a period
    // or slash inside a word (U.S, 9/11) is kept when a letter or digit follows it.
    internal const string WordPattern =
        @"[\p{L}\p{M}\p{N}\p{Pc}'`´‘’ʼʻʽʾʿ\u200C\u200D-]+(?:[./](?=[\p{L}\p{N}])[\p{L}\p{M}\p{N}\p{Pc}'`´‘’ʼʻʽʾʿ\u200C\u200D-]+)*";

    private static readonly System.Text.RegularExpressions.Regex Word = new(WordPattern, System.Text.RegularExpressions.RegexOptions.Compiled | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private const string Description = "PatternTokenizer(words with inner apostrophes, hyphens and ZWNJ kept) → EnglishPossessiveFilter";

    internal static AnalysisChain Create() => new(Pipelines.Exact, Description + " /" + WordPattern + "/", Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new Lucene.Net.Analysis.Pattern.PatternTokenizer(reader, Word, group: 0);
        TokenStream ts = new EnglishPossessiveFilter(EnglishChain.Version, tokenizer);
        return new TokenStreamComponents(tokenizer, ts);
    }));
}
