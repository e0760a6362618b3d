using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Indexing;

namespace Search.Querying;

/// <summary>The request's filters (date range, sources, years) as one Lucene filter, or <c>null</c> when none.</summary>
internal static class Filters
{
    public static Filter? Build(SearchRequest request)
    {
        var all = new BooleanQuery();
        if (request.FromDate is not null || request.ToDate is not null)
        {
            all.Add(NumericRangeQuery.NewInt64Range(Schema.DateValue,
                request.FromDate is { } from ? DateValues.StartOfDay(from) : null,
                request.ToDate is { } to ? DateValues.EndOfDay(to) : null, true, true), Occur.MUST);
        }
        if (request.Sources.Count > 0)
        {
            var any = new BooleanQuery();
            foreach (var s in request.Sources.Where(s => !string.IsNullOrWhiteSpace(s)))
                any.Add(new TermQuery(new Term(Schema.SourceKey, s.Trim().ToLowerInvariant())), Occur.SHOULD);
            if (any.Clauses.Count > 0)
                all.Add(any, Occur.MUST);
        }
        if (request.Years.Count > 0)
        {
            var any = new BooleanQuery();
            foreach (var y in request.Years.Distinct())
                any.Add(NumericRangeQuery.NewInt64Range(Schema.DateValue,
                    DateValues.StartOfDay(new DateOnly(y, 1, 1)), DateValues.EndOfDay(new DateOnly(y, 12, 31)), true, true), Occur.SHOULD);
            all.Add(any, Occur.MUST);
        }
        return all.Clauses.Count == 0 ? null : new QueryWrapperFilter(all);
    }
}
