namespace Search;

/// <summary>Which grammar a query is written in.</summary>
public enum QuerySyntax
{
    /// <summary>The search box: words, "quoted phrases", <c>-excluded</c> words, a leading <c>=</c> for exact spelling. Never fails.</summary>
    Lenient,

    /// <summary>Lucene's classic syntax: AND/OR/NOT, phrases, <c>field:</c>, wildcards, fuzzy <c>~</c>, grouping. Errors give a position.</summary>
    Lucene,
}

/// <summary>The order of hits.</summary>
public enum SortOrder
{
    /// <summary>Best match first (BM25), then newest.</summary>
    Relevance,

    /// <summary>Newest first; undated documents last.</summary>
    Date,

    /// <summary>Oldest first; undated documents last.</summary>
    DateAscending,
}

/// <summary>One search: the query, its filters, order, page and options.</summary>
public sealed class SearchRequest
{
    /// <summary>The query text. Empty matches every document.</summary>
    public string Query { get; init; } = "";

    /// <summary>The grammar of <see cref="Query"/>. Default <see cref="QuerySyntax.Lenient"/>.</summary>
    public QuerySyntax Syntax { get; init; } = QuerySyntax.Lenient;

    /// <summary>Match the spelling as typed only: no folding, stemming, transliteration or variants.</summary>
    public bool ExactSpelling { get; init; }

    /// <summary>Only documents dated on or after this day.</summary>
    public DateOnly? FromDate { get; init; }

    /// <summary>Only documents dated on or before this day.</summary>
    public DateOnly? ToDate { get; init; }

    /// <summary>Only documents from one of these sources (case-insensitive). Empty: any source.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Only documents of one of these years. Empty: any year.</summary>
    public IReadOnlyList<int> Years { get; init; } = [];

    /// <summary>The order of hits. Default <see cref="SortOrder.Relevance"/>.</summary>
    public SortOrder Sort { get; init; } = SortOrder.Relevance;

    /// <summary>How many hits to skip (0-based offset of the first hit returned).</summary>
    public int From { get; init; }

    /// <summary>How many hits to return (at most <see cref="SearchIndexOptions.MaxPageSize"/>). Default 10.</summary>
    public int Size { get; init; } = 10;

    /// <summary>Count hits by source and by year. Default <c>true</c>.</summary>
    public bool IncludeFacets { get; init; } = true;

    /// <summary>How many values each facet lists, most frequent first. Default 10.</summary>
    public int FacetSize { get; init; } = 10;

    /// <summary>Build highlighted snippets and match explanations. Default <c>true</c>.</summary>
    public bool IncludeSnippets { get; init; } = true;

    /// <summary>The length of a snippet in characters, about. Default 240.</summary>
    public int SnippetLength { get; init; } = 240;
}
