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
        return new TokenStreamComponents(tokenizer, Filters(tokenizer));
    }));

    /// <summary>The chain's filters over the StandardTokenizer's words (<paramref name="words"/>): the analyzer's, and <see cref="Names.SharedWords"/>'s over words read once for both this and the name chain.</summary>
    internal static TokenStream Filters(TokenStream words)
    {
        TokenStream ts = new EnglishPossessiveFilter(Version, words);
        ts = new ICUFoldingFilter(ts);
        ts = new StopFilter(Version, ts, EnglishAnalyzer.DefaultStopSet);
        return new PorterStemFilter(ts);
    }
}

/// <summary>
/// The lossless pipeline: words exactly as written — case, accents, apostrophes and inner hyphens kept
/// (<c>Khamene'i</c>, <c>Tel-Aviv</c>, <c>Karbala'</c> stay themselves) — so the spelling a user typed can
/// rank above every variant. Only sentence punctuation around a word and an English possessive
/// (<c>Iran's</c> → <c>Iran</c>) are dropped: they are grammar, not spelling.
/// </summary>
internal static class ExactChain
{
    private const string Description = "ExactTokenizer(letters, marks, digits, apostrophes, hyphens, ZWNJ; maxTokenLength=255) → EnglishPossessiveFilter";

    internal static AnalysisChain Create() => new(Pipelines.Exact, Description, Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new ExactTokenizer(reader);
        TokenStream ts = new EnglishPossessiveFilter(EnglishChain.Version, tokenizer);
        return new TokenStreamComponents(tokenizer, ts);
    }));
}

/// <summary>The signs inside words that are not letters: apostrophes and hyphens.</summary>
internal static class WordMarks
{
    /// <summary>An apostrophe-like sign: ASCII, typographic, accents and the modifier letters written for ʿayn and hamza.</summary>
    internal static bool IsApostrophe(int c) =>
        c is '\'' or '`' or '\u00B4' or '\u2018' or '\u2019' or '\u02BC' or '\u02BB' or '\u02BD' or '\u02BE' or '\u02BF';

    /// <summary>A hyphen (ASCII, Unicode hyphen, non-breaking hyphen).</summary>
    internal static bool IsHyphen(int c) => c is '-' or '\u2010' or '\u2011';
}

/// <summary>
/// Splits text into words as written: runs of letters, marks, digits, connector punctuation,
/// apostrophe-like signs (ASCII, typographic, the modifier letters used for ʿayn and hamza), hyphens and
/// the zero-width (non-)joiners of Persian. Everything else (spaces, sentence punctuation, periods,
/// slashes) separates words. A CharTokenizer, so it streams: linear in the text, whatever its size.
/// </summary>
internal sealed class ExactTokenizer(TextReader input) : Lucene.Net.Analysis.Util.CharTokenizer(EnglishChain.Version, input)
{
    protected override bool IsTokenChar(int c) => IsWordChar(c);

    /// <summary>True for a character this tokenizer keeps inside a word.</summary>
    internal static bool IsWordChar(int c) => c switch
    {
        _ when WordMarks.IsApostrophe(c) || WordMarks.IsHyphen(c) => true,
        '\u200C' or '\u200D' => true,
        _ => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            System.Globalization.UnicodeCategory.UppercaseLetter or System.Globalization.UnicodeCategory.LowercaseLetter
                or System.Globalization.UnicodeCategory.TitlecaseLetter or System.Globalization.UnicodeCategory.ModifierLetter
                or System.Globalization.UnicodeCategory.OtherLetter or System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark
                or System.Globalization.UnicodeCategory.DecimalDigitNumber or System.Globalization.UnicodeCategory.LetterNumber
                or System.Globalization.UnicodeCategory.OtherNumber or System.Globalization.UnicodeCategory.ConnectorPunctuation => true,
            _ => false,
        },
    };
}
