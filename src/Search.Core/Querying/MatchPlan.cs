namespace Search.Querying;

/// <summary>Why a term is in the query: the word the user typed and the layer that produced the term.</summary>
internal sealed record MatchSource(string QueryWord, string Layer, double Similarity);

/// <summary>
/// What a query can match, field by field and term by term, and which spellings each query word was
/// expanded to. The query builders fill it; the snippet builder re-analyses stored text with each field's
/// pipeline and marks the tokens whose terms are listed here, so it can say why each hit matched.
/// </summary>
internal sealed class MatchPlan
{
    private readonly Dictionary<string, Dictionary<string, MatchSource>> byField = new(StringComparer.Ordinal);
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

    /// <summary>The fields that have at least one term.</summary>
    public IEnumerable<string> Fields => byField.Keys;

    /// <summary>The expansions, in the order they were added.</summary>
    public IReadOnlyList<Expansion> Expansions => expansions;

    /// <summary>Records that <paramref name="term"/> in <paramref name="field"/> matches <paramref name="queryWord"/>.
    /// When a term is recorded twice, the higher similarity wins.</summary>
    public void AddMatch(string field, string term, string queryWord, string layer, double similarity = 1.0)
    {
        if (!byField.TryGetValue(field, out var terms))
            byField[field] = terms = new Dictionary<string, MatchSource>(StringComparer.Ordinal);
        if (!terms.TryGetValue(term, out var existing) || existing.Similarity < similarity)
            terms[term] = new MatchSource(queryWord, layer, similarity);
    }

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
