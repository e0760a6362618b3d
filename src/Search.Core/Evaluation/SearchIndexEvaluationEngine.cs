namespace Search.Evaluation;

/// <summary>
/// The evaluation engine over a real <see cref="SearchIndex"/> in memory: each document's text is its
/// title, each query goes through the lenient search-box path, top 1,000 hits.
/// </summary>
internal sealed class SearchIndexEvaluationEngine : INameEvaluationEngine, IDisposable
{
    /// <summary>Hits taken per query.</summary>
    public const int TopHits = 1000;

    private readonly SearchIndex index = SearchIndex.CreateInMemory(new SearchIndexOptions
    {
        MaxPageSize = TopHits,
        RefreshInterval = TimeSpan.Zero,
        SearchTimeout = TimeSpan.FromMinutes(1),
    });

    /// <inheritdoc />
    public async Task AddAsync(string id, string text, CancellationToken cancellationToken) =>
        await index.AddOrUpdateAsync(new NewsDocument(id, text, null), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task CommitAsync(CancellationToken cancellationToken) => index.CommitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SearchAsync(string query, CancellationToken cancellationToken)
    {
        var result = await index.SearchAsync(new SearchRequest
        {
            Query = query,
            Size = TopHits,
            IncludeFacets = false,
            IncludeSnippets = false,
        }, cancellationToken).ConfigureAwait(false);
        return result.Hits.Select(h => h.Id).ToList();
    }

    /// <inheritdoc />
    public void Dispose() => index.Dispose();
}
