using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Search.Analysis;
using Search.Analysis.Names;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// How the index's text writes a spelling of the name layers. Their terms are folded and romanised (<c>qḏāfī</c> is
/// <c>القذافي</c>, <c>gadhafi</c> is <c>Gadhafi</c>), which is not what a reader of "also searched" should see. The
/// written words that could give a term are guessed (a Latin form as it is, capitalised and in capitals; a romanised
/// form letter by letter back in Arabic script, with Arabic and Persian yeh and kaf, with and without the article, with
/// a hamza on an opening alef and on a yeh after an alef or before a yeh), each guess is looked up in the exact field, and of those the index holds and whose name
/// form is the term, the one in most documents is the written form. A few dozen term look-ups a spelling, no document
/// read; a spelling no single written word gives (a join of two words, <c>terriann</c>) keeps its form.
/// </summary>
internal static class WrittenForms
{
    /// <summary>The variant spellings of a search looked up at most (the search page lists twelve).</summary>
    public const int MaxLookups = 12;

    // The romanisation (arabic-latin.txt) read backwards: each romanised letter to the first Arabic-script letter giving it.
    private static readonly Dictionary<char, char> ArabicOf = BuildArabicOf();

    private static Dictionary<char, char> BuildArabicOf()
    {
        var map = new Dictionary<char, char>();
        foreach (var (from, to) in RuleParsers.ReadMappings("names/arabic-latin.txt"))
            if (from.Length == 1 && to.Length == 1)
                map.TryAdd(to[0], from[0]);
        return map;
    }

    /// <summary>
    /// <paramref name="expansions"/> with <see cref="Expansion.Written"/> set for the first <see cref="MaxLookups"/>
    /// spellings of the variant layer that a word of <paramref name="reader"/>'s text gives.
    /// </summary>
    public static Expansion[] Fill(IndexReader reader, IReadOnlyList<Expansion> expansions)
    {
        var filled = expansions.ToArray();
        TermsEnum?[]? exact = null;
        int looked = 0;
        for (int k = 0; k < filled.Length && looked < MaxLookups; k++)
        {
            if (filled[k].Layer != "variant")
                continue;
            looked++;
            // One enumerator per segment for all the look-ups (making one is dearer than a seek).
            exact ??= reader.Leaves.Select(leaf => leaf.AtomicReader.GetTerms(Schema.Exact)?.GetEnumerator()).ToArray();
            if (Find(exact, filled[k].Form) is { } written)
                filled[k] = filled[k] with { Written = written };
        }
        return filled;
    }

    /// <summary>The word of the exact field, in most documents, whose name form is <paramref name="term"/>; null when none is.</summary>
    internal static string? Find(IndexReader reader, string term) =>
        Find(reader.Leaves.Select(leaf => leaf.AtomicReader.GetTerms(Schema.Exact)?.GetEnumerator()).ToArray(), term);

    private static string? Find(TermsEnum?[] exact, string term)
    {
        string? best = null;
        int bestCount = 0;
        foreach (var guess in Guesses(term).Distinct(StringComparer.Ordinal))
        {
            int count = DocFreq(exact, guess);
            if (count > bestCount && Gives(guess, term))
                (best, bestCount) = (guess, count);
        }
        return best;
    }

    /// <summary>The written words that could give <paramref name="term"/>.</summary>
    internal static IEnumerable<string> Guesses(string term)
    {
        if (term.Length == 0)
            yield break;
        yield return term;
        yield return char.ToUpperInvariant(term[0]) + term[1..];
        yield return term.ToUpperInvariant();
        var back = new StringBuilder(term.Length + 2);
        foreach (char c in term)
        {
            // ė is the heh that writes a Persian e before a zero-width non-joiner, in a word joined at it (خامنه‌ای).
            if (c == 'ė')
                back.Append('\u0647').Append(NameForms.Zwnj);
            else if (ArabicOf.TryGetValue(c, out char a))
                back.Append(a);
            else
                yield break;
        }
        var arabic = back.ToString();
        foreach (var letters in new[] { arabic, arabic.Replace('\u064A', '\u06CC').Replace('\u0643', '\u06A9') })
        {
            foreach (var seated in Seats(letters))
                foreach (var word in Alefs(seated))
                {
                    yield return word;
                    yield return "\u0627\u0644" + word;
                }
        }
    }

    // The word as it is and, when it has a yeh the normalisation may have made of a hamza on a yeh, with that hamza: a
    // yeh after an alef or before another yeh (إسرائيل, خامنئي: normalised اسراييل, خامنيي).
    private static IEnumerable<string> Seats(string word)
    {
        yield return word;
        var seated = word.Replace("\u064A\u064A", "\u0626\u064A").Replace("\u06CC\u06CC", "\u0626\u06CC")
            .Replace("\u0627\u064A", "\u0627\u0626").Replace("\u0627\u06CC", "\u0627\u0626");
        if (seated != word)
            yield return seated;
    }

    // An opening alef as it is and with a hamza above or below (the normalisation writes all three as a bare alef).
    private static IEnumerable<string> Alefs(string word)
    {
        yield return word;
        if (word[0] == '\u0627')
        {
            yield return '\u0623' + word[1..];
            yield return '\u0625' + word[1..];
        }
    }

    private static int DocFreq(TermsEnum?[] exact, string word)
    {
        var bytes = new BytesRef(word);
        int count = 0;
        foreach (var terms in exact)
            if (terms is not null && terms.SeekExact(bytes))
                count += terms.DocFreq;
        return count;
    }

    /// <summary>True when the name analysis of <paramref name="word"/> alone gives <paramref name="term"/>.</summary>
    private static bool Gives(string word, string term)
    {
        foreach (var token in NameIndexing.Analyze(word))
            if (token.Form == term)
                return true;
        return false;
    }
}
