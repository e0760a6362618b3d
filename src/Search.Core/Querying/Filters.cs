using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Querying;

/// <summary>The request's filters (sources, date range, years) around a query.</summary>
internal static class Filters
{
    /// <summary><paramref name="query"/> filtered by the request's sources, date range and years; the query itself when it has none.</summary>
    public static Query Apply(Query query, SearchRequest request)
    {
        var sources = new BooleanQuery();
        foreach (var s in request.Sources.Where(s => !string.IsNullOrWhiteSpace(s)))
            sources.Add(new TermQuery(new Term(Schema.SourceKey, s.Trim().ToLowerInvariant())), Occur.SHOULD);
        if (sources.Clauses.Count > 0)
            query = new FilteredQuery(query, new QueryWrapperFilter(sources));
        // The query finds its documents and each is then checked against its date: no walk over the index's dates.
        if (DateFilter.For(request) is { } dates)
            query = new FilteredQuery(query, dates, FilteredQuery.QUERY_FIRST_FILTER_STRATEGY);
        return query;
    }
}

/// <summary>
/// The documents dated within a range (days included) and, when years are given, in one of them, by each document's date
/// (<see cref="SegmentValues"/>).
/// </summary>
/// <remarks>
/// A numeric range query over the date terms builds, on every search, a bit set of every document in range: for a range
/// of decades, nearly the whole index, so a filtered search cost six plain ones (docs/benchmarks.md [BDN-F14]). This
/// filter is random access: the query finds its documents and only those are checked (an undated document never passes).
/// </remarks>
internal sealed class DateFilter : Filter
{
    private readonly long from, to;
    private readonly (long From, long To)[] years;

    private DateFilter(long from, long to, (long From, long To)[] years)
    {
        this.from = from;
        this.to = to;
        this.years = years;
    }

    /// <summary>The filter of the request's date range and years, or null when it has neither.</summary>
    public static DateFilter? For(SearchRequest request)
    {
        if (request.FromDate is null && request.ToDate is null && request.Years.Count == 0)
            return null;
        return new DateFilter(
            request.FromDate is { } f ? DateValues.StartOfDay(f) : long.MinValue,
            request.ToDate is { } t ? DateValues.EndOfDay(t) : long.MaxValue,
            request.Years.Distinct().Order()
                .Select(y => (DateValues.StartOfDay(new DateOnly(y, 1, 1)), DateValues.EndOfDay(new DateOnly(y, 12, 31)))).ToArray());
    }

    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var dates = SegmentValues.Of(context.AtomicReader).Dates;
        return new FieldCacheDocIdSet(dates.Length, acceptDocs, doc => Accepts(dates[doc]));
    }

    // An undated document's value is 0, and every date's is positive (yyyyMMddHHmmss).
    private bool Accepts(long value)
    {
        if (value <= 0 || value < from || value > to)
            return false;
        if (years.Length == 0)
            return true;
        foreach (var (start, end) in years)
            if (value >= start && value <= end)
                return true;
        return false;
    }

    public override string ToString() =>
        $"date:[{from} TO {to}]" + (years.Length == 0 ? "" : " years:" + string.Join(",", years.Select(y => DateValues.Year(y.From))));

    public override bool Equals(object? obj) =>
        obj is DateFilter other && from == other.from && to == other.to && years.SequenceEqual(other.years);

    public override int GetHashCode() => HashCode.Combine(from, to, years.Length == 0 ? 0 : years[0].GetHashCode(), years.Length);
}
