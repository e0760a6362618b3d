using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;
using Search.Indexing;
using Search.Querying;

namespace Search;

/// <summary>A completion of a word being typed.</summary>
/// <param name="Text">The completed word, in its most frequent written form.</param>
/// <param name="DocumentFrequency">How many documents hold it (deleted ones may still count until merged away).</param>
/// <param name="Layer"><c>exact</c> when it begins as typed (case aside), <c>name</c> when only as typed folded (accents, the
/// Persian and Arabic forms of a letter aside).</param>
public sealed record Suggestion(string Text, long DocumentFrequency, string Layer);

public sealed partial class SearchIndex
{
    private const int SuggestMaxPrefixLength = 64;
    private const int SuggestMaxTermsScanned = 4_000;

    /// <summary>
    /// Completions of <paramref name="prefix"/> (one word being typed) from the index's own words, as they are written,
    /// most frequent first: case aside, and accents and the Persian and Arabic forms of a letter aside too, so
    /// <c>téhé</c> finds <c>Teheran</c> and <c>علی</c> finds <c>علي</c>. Bounded in terms scanned and time, so it
    /// can run on every keystroke.
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(string prefix, int count = 8)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        prefix = prefix.Trim();
        if (prefix.Length == 0 || prefix.Length > SuggestMaxPrefixLength || count <= 0)
            return [];
        var started = Stopwatch.GetTimestamp();
        // Keyed by lower-cased form: "Tehran" and "TEHRAN" are one suggestion, shown as written most often.
        var found = new Dictionary<string, (string Text, long Freq, long BestFormFreq, string Layer)>(StringComparer.Ordinal);
        // Each range scans at least 256 terms before the budget may stop it, so a slow first call in a cold
        // process still finds something.
        bool OverBudget() => found.Count > 0 && Stopwatch.GetElapsedTime(started) > options.SuggestBudget;

        var searcher = manager.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            var exact = MultiFields.GetTerms(reader, Schema.Exact);
            if (exact is not null)
            {
                // The exact field keeps case and accents; terms sort by UTF-8 bytes, so each casing of the prefix is its
                // own range. Names are mostly capitalised and words lower case: those two ranges are always scanned, the
                // prefix as typed and in capitals, then the folded prefix's, while the time budget lasts. The name field
                // is not offered: its terms are folded, romanised and joined forms nobody writes (ṭhrān for طهران).
                var ranges = new List<(string Prefix, string Layer)>();
                void Range(string casing, string layer)
                {
                    if (casing.Length > 0 && !ranges.Exists(r => r.Prefix == casing))
                        ranges.Add((casing, layer));
                }
                foreach (var casing in Casings(prefix))
                    Range(casing, "exact");
                bool arabic = global::Search.Analysis.Names.NameForms.IsArabic(prefix);
                if (arabic)
                    foreach (var other in ArabicLetterForms(prefix))
                        Range(other, "name");
                // The accent-blind scan meets the terms of the casings again: each term is counted once.
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (int i = 0; i < ranges.Count; i++)
                {
                    if (i >= 2 && OverBudget())
                        break;
                    var layer = ranges[i].Layer;
                    Scan(exact, ranges[i].Prefix, (term, df) =>
                    {
                        if (!seen.Add(term))
                            return;
                        var key = term.ToLowerInvariant();
                        if (found.TryGetValue(key, out var f))
                            found[key] = df > f.BestFormFreq ? (term, f.Freq + df, df, f.Layer) : (f.Text, f.Freq + df, f.BestFormFreq, f.Layer);
                        else
                            found[key] = (term, df, df, layer);
                    }, OverBudget);
                }
                // Latin: every word that begins with the prefix's letters with or without accents (teh → Téhéran,
                // téhé → Teheran), one scan of the exact field through the search box's prefix automaton.
                if (!arabic && !OverBudget())
                {
                    var blind = new CompiledAutomaton(PrefixQueries.CaseAndAccentBlind(prefix), null, true);
                    var te = blind.GetTermsEnum(exact);
                    int scanned = 0;
                    while (scanned < SuggestMaxTermsScanned && te.MoveNext())
                    {
                        var term = te.Term.Utf8ToString();
                        if (seen.Add(term))
                        {
                            var key = term.ToLowerInvariant();
                            found[key] = found.TryGetValue(key, out var f)
                                ? (te.DocFreq > f.BestFormFreq ? term : f.Text, f.Freq + te.DocFreq, Math.Max(f.BestFormFreq, te.DocFreq), f.Layer)
                                : (term, te.DocFreq, te.DocFreq, "name");
                        }
                        if (++scanned % 256 == 0 && OverBudget())
                            break;
                    }
                }
            }
        }
        finally
        {
            manager.Release(searcher);
        }
        return found.Values
            .OrderByDescending(f => f.Freq)
            .ThenBy(f => f.Text, StringComparer.Ordinal)
            .Take(count)
            .Select(f => new Suggestion(f.Text, f.Freq, f.Layer))
            .ToList();
    }

    private static string[] Casings(string prefix) =>
        [char.ToUpperInvariant(prefix[0]) + prefix[1..].ToLowerInvariant(), prefix.ToLowerInvariant(), prefix, prefix.ToUpperInvariant()];

    // An Arabic-script prefix with its Persian letters in their Arabic forms, and the other way round (علی, علي).
    private static IEnumerable<string> ArabicLetterForms(string prefix)
    {
        yield return prefix.Replace('\u06CC', '\u064A').Replace('\u06A9', '\u0643');   // ی ک → ي ك
        yield return prefix.Replace('\u064A', '\u06CC').Replace('\u0649', '\u06CC').Replace('\u0643', '\u06A9');   // ي ى ك → ی ک
    }

    // Visits the terms of one field that start with prefix, at most SuggestMaxTermsScanned of them.
    private static void Scan(Terms terms, string prefix, Action<string, long> visit, Func<bool> overBudget)
    {
        var bytes = new BytesRef(prefix);
        var te = terms.GetEnumerator();
        if (te.SeekCeil(bytes) == TermsEnum.SeekStatus.END)
            return;
        int scanned = 0;
        do
        {
            var term = te.Term;
            if (!StringHelper.StartsWith(term, bytes))
                break;
            visit(term.Utf8ToString(), te.DocFreq);
            if (++scanned % 256 == 0 && overBudget())
                break;
        }
        while (scanned < SuggestMaxTermsScanned && te.MoveNext());
    }
}
