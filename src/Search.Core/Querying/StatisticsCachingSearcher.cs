using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Search.Querying;

/// <summary>
/// An <see cref="IndexSearcher"/> that computes each field's collection statistics once. Lucene computes them anew
/// for every term of a query (a walk over every segment's terms of the field); a name word ORs a hundred spellings or
/// more of one field, so the same statistics were summed a hundred times per query. A searcher serves one
/// point-in-time reader, whose statistics never change, so the cache lives and dies with the searcher; the figures
/// are Lucene's own, so scores are unchanged.
/// </summary>
internal sealed class StatisticsCachingSearcher(IndexReader reader) : IndexSearcher(reader)
{
    private readonly ConcurrentDictionary<string, CollectionStatistics> statistics = new(StringComparer.Ordinal);

    public override CollectionStatistics CollectionStatistics(string field) =>
        statistics.TryGetValue(field, out var cached) ? cached : statistics.GetOrAdd(field, base.CollectionStatistics(field));
}
