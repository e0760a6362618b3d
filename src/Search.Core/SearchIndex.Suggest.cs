using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Search.Indexing;
using Search.Querying;

namespace Search;

/// <summary>A completion of a word being typed.</summary>
/// <param name="Text">The completed word, in its most frequent written form.</param>
/// <param name="DocumentFrequency">How many documents hold it (deleted ones may still count until merged away).</param>
/// <param name="Layer"><c>exact</c> when found as written (case aside), <c>name</c> when found among folded or transliterated name forms.</param>
public sealed record Suggestion(string Text, long DocumentFrequency, string Layer);

public sealed partial class SearchIndex
{
    private const int SuggestMaxPrefixLength = 64;
    private const int SuggestMaxTermsScanned = 4_000;
    private static readonly TimeSpan SuggestBudget = TimeSpan.FromMilliseconds(40);

    /// <summary>
    /// Completions of <paramref name="prefix"/> (one word being typed) from the index's own terms, most
    /// frequent first: words as written (case-insensitively) and name forms after folding and
    /// transliteration, so <c>tehr</c> also finds what was written <c>Tehran</c> or <c>تهران</c>. Bounded in
    /// terms scanned and time, so it can run on every keystroke.
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
        bool OverBudget() => found.Count > 0 && Stopwatch.GetElapsedTime(started) > SuggestBudget;

        var searcher = manager.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            var exact = MultiFields.GetTerms(reader, Schema.Exact);
            if (exact is not null)
            {
                // The exact field keeps case; terms sort by UTF-8 bytes, so each casing of the prefix is its own
                // range. Names are mostly capitalised and words lower case: those two ranges are always scanned,
                // the prefix as typed and in capitals while the time budget lasts.
                var casings = new List<string>();
                foreach (var casing in new[]
                {
                    char.ToUpperInvariant(prefix[0]) + prefix[1..].ToLowerInvariant(), prefix.ToLowerInvariant(),
                    prefix, prefix.ToUpperInvariant(),
                })
                {
                    if (!casings.Contains(casing, StringComparer.Ordinal))
                        casings.Add(casing);
                }
                for (int i = 0; i < casings.Count; i++)
                {
                    if (i >= 2 && OverBudget())
                        break;
                    Scan(exact, casings[i], (term, df) =>
                    {
                        var key = term.ToLowerInvariant();
                        if (found.TryGetValue(key, out var f))
                            found[key] = df > f.BestFormFreq ? (term, f.Freq + df, df, "exact") : (f.Text, f.Freq + df, f.BestFormFreq, f.Layer);
                        else
                            found[key] = (term, df, df, "exact");
                    }, OverBudget);
                }
            }

            var names = MultiFields.GetTerms(reader, Schema.Name);
            var folded = TextAnalysis.Analyze(Schema.ForField(Schema.Name), Schema.Name, prefix);
            if (names is not null && folded.Count == 1)
            {
                Scan(names, folded[0].Term, (term, df) =>
                {
                    // A name form also written as such only raises that word's weight; a new one (from another
                    // spelling or script) is offered as itself.
                    if (found.TryGetValue(term, out var f))
                        found[term] = (f.Text, Math.Max(f.Freq, df), f.BestFormFreq, f.Layer);
                    else
                        found[term] = (term, df, df, "name");
                }, OverBudget);
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
