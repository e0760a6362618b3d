using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Analysis;
using Search.Analysis.Names;

namespace Search.Results;

/// <summary>
/// Runs one search over a large index on several threads: the index's documents are cut into consecutive ranges of the
/// same size (a range may begin or end inside a segment: an index is often one large segment and a few small ones), each
/// range is searched on its own thread into collectors of its own, and the ranges' top hits are merged
/// (<see cref="TopDocs.Merge(Sort, int, int, TopDocs[])"/>: by score or sort value, then range by range, which is document
/// order), so the page, the total and the facets are exactly what one thread finds. A small index, or one thread
/// allowed, is searched on the calling thread alone.
/// </summary>
/// <remarks>
/// Why: a frequent word or an OR of them must score every match to give an exact total, and Lucene 4.8 has no way to
/// skip the documents that cannot reach the page; such a query's time grows with the index (docs/benchmarks.md, the scale
/// runs). Two cores share that work: on a 128,000-document index in 9 segments the benchmark's median query took 0.166 ms
/// with two threads against 0.254 with one (docs/benchmarks.md, run [S9-64]). A slice holds at least
/// <see cref="MinSliceDocuments"/> documents by default, so a small index, where a search takes a fraction of a
/// millisecond, does not pay for a handover to another thread.
/// </remarks>
internal static class SlicedSearch
{
    /// <summary>The fewest documents a slice (a range of documents) holds by default: below twice this, an index is searched on one thread.</summary>
    public const int MinSliceDocuments = 32_768;

    /// <summary>Part of a slice: the documents <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive) of one segment.</summary>
    internal readonly record struct Range(AtomicReaderContext Segment, int From, int To);

    /// <summary>How many slices the last search on this thread was cut into; for tests.</summary>
    [ThreadStatic] internal static int LastSlices;

    /// <summary>What a search collected: the page, the total, the facet counts, and whether it ran out of time.</summary>
    public sealed record Outcome(TopDocs Page, long Total, IReadOnlyList<SearchCollector> Collectors, bool OutOfTime);

    /// <summary>
    /// Searches <paramref name="query"/> in <paramref name="searcher"/>'s reader, on up to <paramref name="threads"/>
    /// threads (the caller's share of the cores, <see cref="SliceHelpers.ThreadsFor"/>), and returns hits
    /// <paramref name="from"/> to <paramref name="from"/> + <paramref name="size"/> by <paramref name="sort"/> (null: by
    /// score). Every thread keeps to <paramref name="deadline"/>.
    /// </summary>
    public static Outcome Run(IndexSearcher searcher, Query query, Sort? sort, int from, int size, bool facets,
        int threads, int minSliceDocuments, long deadline, CancellationToken cancellation)
    {
        int window = Math.Max(1, from + size);
        var slices = Slices(searcher.IndexReader.Leaves, threads, minSliceDocuments);
        int count = slices?.Count ?? 1;
        LastSlices = count;
        var parts = new (SearchCollector Collector, Func<TopDocs> All)[count];
        for (int i = 0; i < count; i++)
            parts[i] = NewCollector(sort, window, facets, cancellation);
        bool outOfTime;
        if (slices is null)
            outOfTime = !Search(() => searcher.Search(query, parts[0].Collector), deadline);
        else
        {
            // The weight is made once (the query's rewrite and statistics) and shared: Lucene's weights give each segment's
            // scorer independently.
            Weight? weight = null;
            outOfTime = !Search(() => weight = searcher.CreateNormalizedWeight(query), deadline)
                || !SearchSlices(slices, weight!, parts.Select(p => (ICollector)p.Collector).ToArray(), deadline);
        }
        var page = count == 1
            ? Page(parts[0].All(), from, size)
            : TopDocs.Merge(sort, from, size, parts.Select(p => p.All()).ToArray());
        return new Outcome(page, parts.Sum(p => p.Collector.TotalHits), parts.Select(p => p.Collector).ToArray(), outOfTime);
    }

    /// <summary>Runs <paramref name="search"/> under <paramref name="deadline"/>; false when it ran out of time.</summary>
    private static bool Search(Action search, long deadline)
    {
        try
        {
            using (SearchBudget.Until(deadline))
                search();
            return true;
        }
        catch (SearchBudget.ExceededException)
        {
            return false;
        }
    }

    /// <summary>
    /// Searches every slice into its own collector: the calling thread and one helper per other slice
    /// (<see cref="SliceHelpers"/>) take the slices in turn, so a helper that starts late (a busy server) finds the work
    /// done and leaves, and the caller never waits for a thread that has not started. Returns when every slice is done;
    /// false when any ran out of time.
    /// </summary>
    private static bool SearchSlices(IReadOnlyList<IReadOnlyList<Range>> slices, Weight weight, ICollector[] collectors, long deadline)
    {
        int inTime = 1;
        SliceHelpers.Shared.RunTogether(slices.Count, i =>
        {
            if (!Search(() => Collect(slices[i], weight, collectors[i]), deadline))
                Volatile.Write(ref inTime, 0);
        });
        return Volatile.Read(ref inTime) == 1;
    }

    /// <summary>
    /// The documents of <paramref name="segments"/> (in document order) cut into at most <paramref name="threads"/>
    /// consecutive ranges of the same size, each of at least <paramref name="minSliceDocuments"/>; null when the index is
    /// too small for two, or one thread is allowed: then the calling thread searches it whole.
    /// </summary>
    internal static IReadOnlyList<IReadOnlyList<Range>>? Slices(IList<AtomicReaderContext> segments, int threads, int minSliceDocuments = MinSliceDocuments)
    {
        if (threads <= 1)
            return null;
        long total = 0;
        foreach (var segment in segments)
            total += segment.AtomicReader.MaxDoc;
        int n = (int)Math.Min(threads, total / Math.Max(1, minSliceDocuments));
        if (n <= 1)
            return null;
        var slices = new List<IReadOnlyList<Range>>(n);
        for (int k = 0; k < n; k++)
        {
            long start = total * k / n, end = total * (k + 1) / n;
            var ranges = new List<Range>();
            foreach (var segment in segments)
            {
                long first = segment.DocBase, last = (long)segment.DocBase + segment.AtomicReader.MaxDoc;
                if (last > start && first < end)
                    ranges.Add(new Range(segment, (int)(Math.Max(start, first) - first), (int)(Math.Min(end, last) - first)));
            }
            slices.Add(ranges);
        }
        return slices;
    }

    /// <summary>
    /// Feeds <paramref name="collector"/> the matches of <paramref name="weight"/> in each range of <paramref name="slice"/>, as
    /// <see cref="IndexSearcher"/> does for whole segments: the segment's scorer, moved to the range's first document.
    /// </summary>
    private static void Collect(IReadOnlyList<Range> slice, Weight weight, ICollector collector)
    {
        foreach (var range in slice)
        {
            collector.SetNextReader(range.Segment);
            var scorer = weight.GetScorer(range.Segment, range.Segment.AtomicReader.LiveDocs);
            if (scorer is null)
                continue;
            collector.SetScorer(scorer);
            int doc = range.From == 0 ? scorer.NextDoc() : scorer.Advance(range.From);
            while (doc < range.To)
            {
                collector.Collect(doc);
                doc = scorer.NextDoc();
            }
        }
    }

    private static (SearchCollector, Func<TopDocs>) NewCollector(Sort? sort, int window, bool facets, CancellationToken cancellation)
    {
        // Collect in document order: a pure disjunction (title OR body, the name layers) then gets BooleanScorer2 instead of
        // the out-of-order BooleanScorer, which allocates a table of 2,048 buckets per segment for every query; in order was
        // 1.5-2x faster on every query class.
        if (sort is null)
        {
            var byScore = TopScoreDocCollector.Create(window, docsScoredInOrder: true);
            return (new SearchCollector(byScore, facets, cancellation), () => byScore.GetTopDocs());
        }
        var byField = TopFieldCollector.Create(sort, window, fillFields: true, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: true);
        return (new SearchCollector(byField, facets, cancellation), () => byField.GetTopDocs());
    }

    /// <summary>Hits <paramref name="from"/> to <paramref name="from"/> + <paramref name="size"/> of one collector's top hits.</summary>
    private static TopDocs Page(TopDocs all, int from, int size)
    {
        var hits = all.ScoreDocs.Skip(from).Take(size).ToArray();
        return all is TopFieldDocs fields
            ? new TopFieldDocs(all.TotalHits, hits, fields.Fields, all.MaxScore)
            : new TopDocs(all.TotalHits, hits, all.MaxScore);
    }
}
