namespace Search;

/// <summary>What a search found.</summary>
public sealed class SearchResult
{
    /// <summary>How many documents match in all (exact, not estimated).</summary>
    public required long Total { get; init; }

    /// <summary>The hits of the requested page, in order.</summary>
    public required IReadOnlyList<SearchHit> Hits { get; init; }

    /// <summary>Facet counts by name (<c>source</c>, <c>year</c>), most frequent first; empty when not asked for.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets { get; init; }

    /// <summary>The spellings each query word was expanded to, and why.</summary>
    public required IReadOnlyList<Expansion> Expanded { get; init; }

    /// <summary>How long the search took.</summary>
    public required TimeSpan Took { get; init; }

    /// <summary>
    /// <c>true</c> when the time budget ran out: the total and hits are what was found by then. When it ran out while
    /// finding the other spellings of a name, the names were searched as written (<see cref="Expanded"/> is then empty).
    /// </summary>
    public bool Partial { get; init; }
}

/// <summary>One hit.</summary>
public sealed class SearchHit
{
    /// <summary>The document id.</summary>
    public required string Id { get; init; }

    /// <summary>The headline, or <c>null</c>.</summary>
    public string? Title { get; init; }

    /// <summary>The headline as HTML: text escaped, matches in <c>&lt;mark&gt;</c>; <c>null</c> when snippets are off.</summary>
    public string? TitleHtml { get; init; }

    /// <summary>The publication date, or <c>null</c>.</summary>
    public DateTime? Date { get; init; }

    /// <summary>The source, or <c>null</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The URL, or <c>null</c>.</summary>
    public string? Url { get; init; }

    /// <summary>The relevance score (0 when sorted by date).</summary>
    public float Score { get; init; }

    /// <summary>A passage of the body as HTML: text escaped, matches in <c>&lt;mark&gt;</c>; <c>null</c> when snippets are off.</summary>
    public string? Snippet { get; init; }

    /// <summary>Which query word matched which spelling in this document, through which layer.</summary>
    public IReadOnlyList<MatchExplanation> Matched { get; init; } = [];
}

/// <summary>A facet value and its count.</summary>
/// <param name="Value">The value (a source name, a year).</param>
/// <param name="Count">How many matching documents have it.</param>
public sealed record FacetValue(string Value, long Count);

/// <summary>That a query word matched a spelling in a document, and how.</summary>
/// <param name="QueryWord">The word as the user typed it.</param>
/// <param name="Matched">The spelling found in the document, as written there.</param>
/// <param name="Layer">How: <c>exact</c>, <c>stem</c>, <c>folded</c>, <c>transliterated</c>, <c>variant</c>, <c>alias</c>.</param>
/// <param name="Similarity">The similarity of a variant (1 for the other layers).</param>
public sealed record MatchExplanation(string QueryWord, string Matched, string Layer, double Similarity);

/// <summary>A spelling a query word was expanded to.</summary>
/// <param name="QueryWord">The word as the user typed it.</param>
/// <param name="Form">The spelling (in the engine's normalised form).</param>
/// <param name="Layer">How it was found: <c>variant</c>, <c>transliterated</c>, <c>alias</c>…</param>
/// <param name="Similarity">The similarity that set its weight (1 for aliases).</param>
public sealed record Expansion(string QueryWord, string Form, string Layer, double Similarity)
{
    /// <summary>
    /// The spelling as a document of the index writes it (<see cref="Form"/> is folded or romanised: <c>qḏāfī</c> for
    /// <c>القذافي</c>); set for the first twelve spellings of the <c>variant</c> layer, null for the others and when no
    /// single word of the index's text gives it (a join of two words).
    /// </summary>
    public string? Written { get; init; }
}

/// <summary>The state of an index.</summary>
public sealed class IndexStats
{
    /// <summary>Live documents (deleted ones not counted).</summary>
    public required long Documents { get; init; }

    /// <summary>Segments in the last commit.</summary>
    public required int Segments { get; init; }

    /// <summary>Size of the index files on disk in bytes (0 in memory).</summary>
    public required long SizeBytes { get; init; }

    /// <summary>When the last commit was made (UTC), or <c>null</c> when never committed.</summary>
    public DateTimeOffset? LastCommit { get; init; }

    /// <summary>The analysis fingerprint the index was built with.</summary>
    public string? AnalysisFingerprint { get; init; }
}

/// <summary>Whether adding a document added a new one or replaced one with the same id.</summary>
public enum AddOutcome
{
    /// <summary>No document had this id: one was added.</summary>
    Added,

    /// <summary>A document with this id was replaced.</summary>
    Replaced,
}
