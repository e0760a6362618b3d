using System.Globalization;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util.Automaton;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// The search box's <c>word*</c>: every word of title or body that begins with the typed letters, in any case and with or
/// without accents (<c>khamen*</c> finds Khamenei and Khamene'i, <c>tehe*</c> Téhéran), matched in the exact field, which
/// holds the words as written. With exact spelling (<c>=Khamen*</c>) the case and accents must be as typed. Every match
/// scores the same (a prefix says nothing about which of its words is meant); a search with other words ranks by those.
/// </summary>
internal static class PrefixQueries
{
    /// <summary>The layer a prefix match is recorded under in the <see cref="MatchPlan"/> (and shown as).</summary>
    public const string Layer = "prefix";

    /// <summary>The query for <paramref name="word"/> typed with a trailing star; its matching words are recorded in <paramref name="plan"/>.</summary>
    public static Query Build(string word, bool exactSpelling, IndexReader reader, MatchPlan plan)
    {
        MultiTermQuery query = exactSpelling
            ? new PrefixQuery(new Term(Schema.Exact, word))
            : new AutomatonQuery(new Term(Schema.Exact, word + "*"), CaseAndAccentBlind(word));
        // As the strict grammar's prefixes: every covered term matches (a filter when there are many), never a top-N cut.
        query.MultiTermRewriteMethod = MultiTermQuery.CONSTANT_SCORE_AUTO_REWRITE_DEFAULT;
        QueryTerms.CollectMultiTerm(query, reader, plan, word + "*", Layer);
        return query;
    }

    /// <summary>The words beginning with <paramref name="prefix"/>, each of its letters in either case and with or without accents.</summary>
    /// <remarks>
    /// Built as the deterministic automaton it is, a state per letter with one transition per run of its characters: made
    /// as a union of one automaton per character and determinised, it took 40 to 240 ms a prefix (a hundred accented
    /// forms of a vowel), more than the search it was for.
    /// </remarks>
    internal static Automaton CaseAndAccentBlind(string prefix)
    {
        var initial = new State();
        var at = initial;
        foreach (var rune in prefix.EnumerateRunes())
        {
            var chars = new SortedSet<int> { rune.Value, Rune.ToLowerInvariant(rune).Value, Rune.ToUpperInvariant(rune).Value };
            if (rune.IsBmp && LetterBase((char)rune.Value) is var b and not '\0')
            {
                chars.Add(b);
                chars.Add(char.ToUpperInvariant(b));
                if (Accented.TryGetValue(b, out var accented))
                    chars.UnionWith(accented);
            }
            var next = new State();
            int? from = null, to = null;
            foreach (int c in chars)
            {
                if (to == c - 1)
                {
                    to = c;
                    continue;
                }
                if (from is { } f)
                    at.AddTransition(new Transition(f, to!.Value, next));
                from = to = c;
            }
            at.AddTransition(new Transition(from!.Value, to!.Value, next));
            at = next;
        }
        at.Accept = true;
        at.AddTransition(new Transition(0, 0x10FFFF, at));
        return new Automaton(initial) { IsDeterministic = true };
    }

    // The lower-case ASCII letter of a Latin letter, with or without diacritics (E -> e, é -> e); '\0' for any other character.
    private static char LetterBase(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' ? char.ToLowerInvariant(c) : Base(c);

    // The lower-case letter a Latin letter with diacritics is written on (é -> e, Ş -> s); '\0' when there is none.
    private static char Base(char c)
    {
        var d = c.ToString().Normalize(NormalizationForm.FormD);
        return d.Length > 1 && d[0] < 0x80 && char.IsLetter(d[0]) ? char.ToLowerInvariant(d[0]) : '\0';
    }

    // Each lower-case ASCII letter and the precomposed Latin letters, in either case, written on it (Latin-1, Latin
    // Extended-A and -B, Latin Extended Additional).
    private static readonly Dictionary<char, List<int>> Accented = BuildAccented();

    private static Dictionary<char, List<int>> BuildAccented()
    {
        var map = new Dictionary<char, List<int>>();
        foreach (var (from, to) in new[] { (0x00C0, 0x024F), (0x1E00, 0x1EFF) })
            for (int c = from; c <= to; c++)
            {
                if (CharUnicodeInfo.GetUnicodeCategory((char)c) is not (UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter))
                    continue;
                if (Base((char)c) is not (var b and not '\0'))
                    continue;
                if (!map.TryGetValue(b, out var list))
                    map[b] = list = [];
                list.Add(c);
            }
        return map;
    }
}
