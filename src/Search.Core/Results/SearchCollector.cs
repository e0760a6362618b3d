using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Analysis.Names;
using Search.Indexing;

namespace Search.Results;

/// <summary>
/// Collects one search: feeds the top-N collector, counts every match, counts facets by source and year
/// from each segment's values in memory (<see cref="SegmentValues"/>; Lucene.Net's Facet package is not available here), and stops when the time budget set on the
/// searching thread (<see cref="SearchBudget.Until"/>) runs out, throwing <see cref="SearchBudget.ExceededException"/>,
/// or the caller cancels.
/// </summary>
internal sealed class SearchCollector : ICollector
{
    private const int CheckEvery = 1024;

    private readonly ICollector top;
    private readonly bool countFacets;
    private readonly CancellationToken cancellation;
    private readonly Dictionary<string, long> sourceCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> yearCounts = [];

    private string[]? sourceNames;
    private int[]? segmentSourceCounts;
    private int[]? sourceOrds;
    private long[]? dates;
    private int[]? segmentYearCounts;
    private int firstYear;
    private int sinceCheck;

    /// <param name="top">The top-N collector fed.</param>
    /// <param name="countFacets">Whether to count facets.</param>
    /// <param name="cancellation">The caller's cancellation.</param>
    public SearchCollector(ICollector top, bool countFacets, CancellationToken cancellation)
    {
        this.top = top;
        this.countFacets = countFacets;
        this.cancellation = cancellation;
    }

    /// <summary>How many documents matched (so far, when the search was stopped).</summary>
    public long TotalHits { get; private set; }

    public bool AcceptsDocsOutOfOrder => top.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => top.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        // Also at every segment (or slice of one): a slice with fewer matches than the check interval still stops.
        cancellation.ThrowIfCancellationRequested();
        SearchBudget.Check();
        FlushSegment();
        top.SetNextReader(context);
        if (!countFacets)
            return;
        // Each match's source and date from the segment's values in memory.
        var values = SegmentValues.Of(context.AtomicReader);
        sourceNames = values.SourceNames;
        segmentSourceCounts = sourceNames.Length == 0 ? null : new int[sourceNames.Length];
        sourceOrds = values.SourceOrds;
        dates = values.Dates;
        // Counted per segment in an array over its years, added to the dictionary once per segment.
        firstYear = values.FirstYear;
        segmentYearCounts = values.LastYear >= values.FirstYear ? new int[values.LastYear - values.FirstYear + 1] : null;
    }

    public void Collect(int doc)
    {
        if (++sinceCheck >= CheckEvery)
        {
            sinceCheck = 0;
            cancellation.ThrowIfCancellationRequested();
            SearchBudget.Check();
        }
        TotalHits++;
        top.Collect(doc);
        if (!countFacets)
            return;
        if (segmentSourceCounts is not null)
        {
            int ord = sourceOrds![doc];
            if (ord >= 0)
                segmentSourceCounts[ord]++;
        }
        long value = dates![doc];
        if (value > 0)
            segmentYearCounts![DateValues.Year(value) - firstYear]++;
    }

    /// <summary>The facet counts of every collector of one search (one per slice, <see cref="SlicedSearch"/>), most frequent first (years: newest first among equals).</summary>
    public static Dictionary<string, IReadOnlyList<FacetValue>> Facets(IReadOnlyList<SearchCollector> collectors, int size)
    {
        var all = collectors[0];
        all.FlushSegment();
        foreach (var other in collectors.Skip(1))
        {
            other.FlushSegment();
            foreach (var (key, count) in other.sourceCounts)
                all.sourceCounts[key] = all.sourceCounts.GetValueOrDefault(key) + count;
            foreach (var (year, count) in other.yearCounts)
                all.yearCounts[year] = all.yearCounts.GetValueOrDefault(year) + count;
        }
        return all.Facets(size);
    }

    /// <summary>The facet counts, most frequent first (years: newest first among equals).</summary>
    public Dictionary<string, IReadOnlyList<FacetValue>> Facets(int size)
    {
        FlushSegment();
        return new Dictionary<string, IReadOnlyList<FacetValue>>
        {
            ["source"] = sourceCounts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(size).Select(kv => new FacetValue(kv.Key, kv.Value)).ToList(),
            ["year"] = yearCounts.OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key)
                .Take(size).Select(kv => new FacetValue(kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv.Value)).ToList(),
        };
    }

    private void FlushSegment()
    {
        if (segmentYearCounts is not null)
        {
            for (int i = 0; i < segmentYearCounts.Length; i++)
                if (segmentYearCounts[i] > 0)
                    yearCounts[firstYear + i] = yearCounts.GetValueOrDefault(firstYear + i) + segmentYearCounts[i];
            segmentYearCounts = null;
        }
        if (segmentSourceCounts is null || sourceNames is null)
            return;
        for (int ord = 0; ord < segmentSourceCounts.Length; ord++)
            if (segmentSourceCounts[ord] > 0)
                sourceCounts[sourceNames[ord]] = sourceCounts.GetValueOrDefault(sourceNames[ord]) + segmentSourceCounts[ord];
        segmentSourceCounts = null;
    }
}
