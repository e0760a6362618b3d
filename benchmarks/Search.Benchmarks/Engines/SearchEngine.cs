namespace Search.Benchmarks.Engines;

/// <summary>
/// Search itself, through its public API: <see cref="SearchIndex.AddOrUpdate"/> with the default analysis, then
/// <see cref="SearchIndex.Search"/> with Lucene syntax (or the search box), top 10 with the exact total.
/// </summary>
public sealed class SearchEngine(string folder, bool facetsAndSnippets = false, int? searchThreads = null) : IBenchEngine
{
    private SearchIndex? index;

    public string Name => Engines.Search;

    /// <summary>The threads one search may use (<see cref="SearchIndexOptions.SearchThreads"/>), for every engine made from now on; null: the library's default.</summary>
    public static int? SearchThreads { get; set; }

    private readonly int threads = searchThreads ?? SearchThreads ?? new SearchIndexOptions().SearchThreads;

    /// <summary>The writer's RAM buffer in MB (<see cref="SearchIndexOptions.RamBufferMB"/>) for every build from now on, Search's and the Lucene.Net baseline's; null: the library's default.</summary>
    public static double? RamBufferMB { get; set; }

    /// <summary>The RAM buffer the builds use: <see cref="RamBufferMB"/> or the library's default.</summary>
    public static double BuildRamBufferMB => RamBufferMB ?? new SearchIndexOptions().RamBufferMB;

    public string Description => "Search (default analysis: english + exact + name + lexicon fields), positional reads (PositionalReadDirectory), BM25" +
        (facetsAndSnippets ? ", facets and snippets on" : ", facets and snippets off") +
        $", up to {threads} thread(s) per search";

    /// <summary>The open index (after <see cref="OpenForSearch"/>), for benchmarks that need more than <see cref="Run"/>.</summary>
    public SearchIndex Index => index ?? throw new InvalidOperationException("Not open.");

    public void Build(IEnumerable<NewsDocument> documents, int threads)
    {
        using var writer = SearchIndex.Open(folder, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, RamBufferMB = BuildRamBufferMB });
        Engines.AddInParallel(documents, threads, d => writer.AddOrUpdate(d));
        writer.CommitAsync().GetAwaiter().GetResult();
    }

    public void OpenForSearch()
    {
        index?.Dispose();
        index = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, SearchThreads = threads });
    }

    public long DocumentCount => Index.GetStats().Documents;

    public long IndexBytes => Data.BenchData.FolderBytes(folder);

    public long Run(Data.BenchQuery query, bool searchBox = false, QueryFeature feature = QueryFeature.None)
    {
        var result = Index.Search(Request(query.Text, searchBox, feature));
        if (feature == QueryFeature.Facets && result.Total > 0 && result.Facets.Values.All(v => v.Count == 0))
            throw new InvalidOperationException($"search: no facet counts for '{query.Text}'.");
        return result.Total;
    }

    /// <summary>The request this engine makes for <paramref name="text"/>: top 10, with <paramref name="feature"/>.</summary>
    public SearchRequest Request(string text, bool searchBox, QueryFeature feature = QueryFeature.None) => new()
    {
        Query = text,
        Syntax = searchBox ? QuerySyntax.Lenient : QuerySyntax.Lucene,
        Size = 10,
        IncludeFacets = facetsAndSnippets || feature == QueryFeature.Facets,
        IncludeSnippets = facetsAndSnippets || feature == QueryFeature.Snippets,
        FromDate = feature == QueryFeature.Filtered ? FeatureFilter.From : null,
        ToDate = feature == QueryFeature.Filtered ? FeatureFilter.To : null,
        Sort = feature == QueryFeature.SortByDate ? SortOrder.Date : SortOrder.Relevance,
        From = feature == QueryFeature.DeepPage ? 90 : 0,
    };

    public void Dispose()
    {
        index?.Dispose();
        index = null;
    }
}
