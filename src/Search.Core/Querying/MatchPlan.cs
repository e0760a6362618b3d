namespace Search.Querying;

/// <summary>
/// Why a term is in the query: the word the user typed and the layer that produced the term. <paramref name="InPhrase"/>:
/// the query has the term only as a word of a phrase (a quoted phrase, a multi-word name or alias), so it matches only
/// where the whole phrase is (<see cref="MatchPlan.PhrasesOf"/>).
/// </summary>
internal sealed record MatchSource(string QueryWord, string Layer, double Similarity, bool InPhrase = false);

/// <summary>
/// A phrase of a query in one field: each word's terms at its offset from the first word (alternatives at one offset, the
/// gaps a stop word leaves), and the slop (how far the words may be out of place in all, as Lucene's phrases count it).
/// </summary>
internal sealed record PhraseMatch(IReadOnlyList<PhraseWord> Words, int Slop);

/// <summary>One word of a <see cref="PhraseMatch"/>: its offset from the phrase's first word and the terms that may stand there.</summary>
internal sealed record PhraseWord(int Offset, IReadOnlySet<string> Terms);

/// <summary>
/// What a query can match, field by field and term by term, and which spellings each query word was
/// expanded to. The query builders fill it; the snippet builder re-analyses stored text with each field's
/// pipeline and marks the tokens whose terms are listed here, so it can say why each hit matched.
/// </summary>
internal sealed class MatchPlan
{
    private readonly Dictionary<string, Dictionary<string, MatchSource>> byField = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PhraseMatch>> phrases = new(StringComparer.Ordinal);
    private readonly List<Expansion> expansions = [];
    private readonly HashSet<(string, string, string)> expansionKeys = [];

    /// <summary>At most this many spellings per name word (lowered when a query would exceed the clause limit).</summary>
    public int MaxVariantsPerWord { get; init; } = Search.Analysis.Names.NameMatcher.MaxVariants;

    /// <summary>Whether multi-word names also get their loosened phrases (dropped first when a query would exceed the clause limit).</summary>
    public bool Loosened { get; init; } = true;

    /// <summary>
    /// True when the name layers match each word's own spelling only: finding its other spellings ran out of the
    /// search's time budget (the result is then partial).
    /// </summary>
    public bool SpellingsCut { get; init; }

    /// <summary>
    /// An empty plan with this plan's limits, for a part of the query whose matches are not the hits' (an excluded
    /// clause, a part that only adds to the score): what it records is neither marked nor listed as searched.
    /// </summary>
    public MatchPlan Detached() => new() { MaxVariantsPerWord = MaxVariantsPerWord, Loosened = Loosened, SpellingsCut = SpellingsCut };

    /// <summary>The fields that have at least one term.</summary>
    public IEnumerable<string> Fields => byField.Keys;

    /// <summary>The expansions, in the order they were added.</summary>
    public IReadOnlyList<Expansion> Expansions => expansions;

    private Expansion[]? written;

    /// <summary>
    /// The expansions with their written forms (<see cref="WrittenForms"/>), looked up in <paramref name="reader"/> the
    /// first time and kept: a plan belongs to one reader (<see cref="PlanCache"/>). A copy each call, for the caller to keep.
    /// The other names (layer <c>alias</c>: aliases, exonyms, translated names) come first, the rest in the order they were
    /// added: a page shows the first twelve, and China's الصين says more than its fortieth spelling.
    /// </summary>
    public Expansion[] ExpansionsWritten(Lucene.Net.Index.IndexReader reader)
    {
        var known = Volatile.Read(ref written);
        if (known is null)
        {
            known = WrittenForms.Fill(reader, expansions.OrderBy(e => e.Layer == "alias" ? 0 : 1).ToList());
            Interlocked.CompareExchange(ref written, known, null);
        }
        return (Expansion[])known.Clone();
    }

    /// <summary>
    /// Records that <paramref name="term"/> in <paramref name="field"/> matches <paramref name="queryWord"/>; with
    /// <paramref name="inPhrase"/>, only as a word of a phrase recorded with <see cref="AddPhrase"/>. When a term is recorded
    /// twice, the higher similarity wins, and it is a phrase's word only if both times say so.
    /// </summary>
    public void AddMatch(string field, string term, string queryWord, string layer, double similarity = 1.0, bool inPhrase = false)
    {
        if (!byField.TryGetValue(field, out var terms))
            byField[field] = terms = new Dictionary<string, MatchSource>(StringComparer.Ordinal);
        if (!terms.TryGetValue(term, out var existing))
            terms[term] = new MatchSource(queryWord, layer, similarity, inPhrase);
        else if (existing.Similarity < similarity)
            terms[term] = new MatchSource(queryWord, layer, similarity, inPhrase && existing.InPhrase);
        else if (existing.InPhrase && !inPhrase)
            terms[term] = existing with { InPhrase = false };
    }

    /// <summary>
    /// Records a phrase of <paramref name="field"/>: its words' terms (recorded with <see cref="AddMatch"/> too), each at its
    /// offset from the first word, and its <paramref name="slop"/>. A phrase of one word is no phrase: its terms match alone.
    /// </summary>
    public void AddPhrase(string field, IEnumerable<(int Offset, IEnumerable<string> Terms)> words, int slop)
    {
        var list = words.Select(w => new PhraseWord(w.Offset, w.Terms.ToHashSet(StringComparer.Ordinal))).ToList();
        if (list.Count < 2)
            return;
        if (!phrases.TryGetValue(field, out var known))
            phrases[field] = known = [];
        known.Add(new PhraseMatch(list, slop));
    }

    /// <summary>The phrases recorded for a field (none when it has none).</summary>
    public IReadOnlyList<PhraseMatch> PhrasesOf(string field) => phrases.TryGetValue(field, out var list) ? list : [];

    /// <summary>Records that <paramref name="queryWord"/> was expanded to <paramref name="form"/>.</summary>
    public void AddExpansion(string queryWord, string form, string layer, double similarity)
    {
        if (expansionKeys.Add((queryWord, form, layer)))
            expansions.Add(new Expansion(queryWord, form, layer, Math.Round(similarity, 3)));
    }

    /// <summary>
    /// The terms recorded for a field, looked up by a term's characters without making a string of them (the snippet
    /// builder looks up every token of each hit's text); null when the field has none.
    /// </summary>
    public Dictionary<string, MatchSource>.AlternateLookup<ReadOnlySpan<char>>? TermsOf(string field) =>
        byField.TryGetValue(field, out var terms) && terms.Count > 0 ? terms.GetAlternateLookup<ReadOnlySpan<char>>() : null;
}
