using Lucene.Net.Analysis;

namespace Search.Analysis.Names;

/// <summary>
/// The name pipelines: the lossy name form (<see cref="Pipelines.Name"/>) and the variant lexicon
/// (<see cref="Pipelines.Lexicon"/>).
/// </summary>
internal static class NameChains
{
    // Order: NameWordTokenizer gives the StandardTokenizer's words, exactly as the exact field splits them
    // (so the query side can re-tokenise a typed word the same way; it keeps ZWNJ and harakat inside a
    // word), each with its whitespace chunk, which NameFormFilter also emits as written (=Tel-Aviv). NameFormFilter then
    // needs the raw words, with case (capitalised neighbours may be joined) and with the Arabic letters
    // before any folding, because the article, the abd-compounds and ZWNJ join points are read from them;
    // it folds (Latin) or normalises and romanises (Arabic script) itself. The lexicon chain is the same
    // followed by the key, so a form in the name field always has its lexicon term.
    private static readonly string NameDescription =
        "NameWordTokenizer(StandardTokenizer words + whitespace chunks) → NameFormFilter(raw chunks =as-written unless plain lower-case ASCII or one exact-field word, sentence punctuation, quotes, guillemets, brackets and Arabic ، ؛ ؟ around it aside; latin-fold, arabic-normalize, arabic-latin, articles; " +
        $"join when a word has ≤{NameSequence.JoinShortWord} letters (Arabic script: ≤{NameSequence.ArabicJoinShortWord}, or a join word of articles.txt), ≤{NameSequence.JoinMaxLength} joined, or across a hyphen, an ʿayn mark or an elision sign before 'l; " +
        "an English possessive 's after 3+ letters off the Latin form; nisba plural -iy/-yy+un/in; X-ullah with ll; heh before ZWNJ joins as ė; ck a doubled k; a word-initial ئ is hamza); " +
        "indexed for name words only (a capital, non-ASCII letter or inner sign in the word or its chunk; name-parts.txt; particles.txt and articles next to one; not an Arabic-script function word), the others keep their positions; a chunk with no word of its own before a word left out is not indexed";

    private static readonly string LexiconDescription = NameDescription + " → LexiconTermFilter(letter-classes, name-units; a key of weak consonants only counts inner w and waw; key U+001F script form)";

    internal static AnalysisChain CreateName() => new(Pipelines.Name, NameDescription, Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new NameWordTokenizer(reader);
        TokenStream ts = new NameFormFilter(tokenizer);
        return new TokenStreamComponents(tokenizer, ts);
    }));

    internal static AnalysisChain CreateLexicon() => new(Pipelines.Lexicon, LexiconDescription, Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new NameWordTokenizer(reader);
        TokenStream ts = new LexiconTermFilter(new NameFormFilter(tokenizer));
        return new TokenStreamComponents(tokenizer, ts);
    }));
}
