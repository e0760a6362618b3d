using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Search.Analysis.Names;

/// <summary>
/// The name layers of one query word or quoted name (a query over the name fields only, made of term states of one
/// reader), whose hits and scores in each segment are computed once by the query itself and kept: the documents and the
/// float score the inner query's scorer gave each, per segment, boost, query norm and similarity, in
/// <see cref="RarePostings"/>' budget of merged postings. A later search of the same reader iterates the kept arrays
/// instead of the inner query's disjunctions and phrases, so it finds and scores exactly what the inner query would.
/// The first pass over a segment checks the search's time budget (<see cref="SearchBudget"/>).
/// Deleted and filtered-out documents are kept too and skipped while scoring (the scores do not depend on them). An
/// instance belongs to the reader its inner query was made for (<see cref="NameMatcher.Kept"/> keeps one per reader and
/// word, and gives each query a clone); a searcher of another reader gets the inner query's own scorer.
/// </summary>
internal sealed class KeptScoresQuery : Query
{
    private readonly IndexReader reader;
    private readonly RarePostings store;
    private readonly ConcurrentDictionary<(int Ord, float Boost, float Norm, Similarity Similarity), object> slots = new();
    private readonly ConcurrentDictionary<Similarity, float> normalizationValues = new(ReferenceEqualityComparer.Instance);

    /// <param name="source">The query as it was made.</param>
    /// <param name="inner">The same query, rewritten for <paramref name="reader"/>.</param>
    /// <param name="reader">The reader it is for.</param>
    /// <param name="store">Where the segments' hits are kept (its budget).</param>
    internal KeptScoresQuery(Query source, Query inner, IndexReader reader, RarePostings store)
    {
        Source = source;
        Inner = inner;
        this.reader = reader;
        this.store = store;
    }

    /// <summary>The query whose hits and scores are kept, rewritten.</summary>
    internal Query Inner { get; }

    /// <summary>The query as it was made (before rewriting).</summary>
    internal Query Source { get; }

    public override Query Rewrite(IndexReader reader) => this;

    public override Weight CreateWeight(IndexSearcher searcher) =>
        searcher.IndexReader == reader ? new KeptWeight(this, searcher) : new OtherReaderWeight(this, Inner.CreateWeight(searcher));

    public override void ExtractTerms(ISet<Term> terms) => Inner.ExtractTerms(terms);

    public override string ToString(string field) =>
        Inner.ToString(field) + (Boost == 1f ? "" : "^" + Boost.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override bool Equals(object? obj) => obj is KeptScoresQuery other && Boost == other.Boost && Inner.Equals(other.Inner);

    public override int GetHashCode() => HashCode.Combine(Boost, Inner);

    /// <summary>One segment's hits: documents in order and their scores.</summary>
    private sealed class Hits(int[] docs, float[] scores)
    {
        internal readonly int[] Docs = docs;
        internal readonly float[] Scores = scores;
    }

    /// <summary>A searcher of another reader: the inner query as it is, under this query's boost.</summary>
    private sealed class OtherReaderWeight(KeptScoresQuery query, Weight inner) : Weight
    {
        public override Query Query => query;

        public override bool ScoresDocsOutOfOrder => inner.ScoresDocsOutOfOrder;

        public override float GetValueForNormalization() => inner.GetValueForNormalization() * query.Boost * query.Boost;

        public override void Normalize(float norm, float topLevelBoost) => inner.Normalize(norm, topLevelBoost * query.Boost);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs) => inner.GetScorer(context, acceptDocs);

        public override Explanation Explain(AtomicReaderContext context, int doc) => inner.Explain(context, doc);
    }

    /// <summary>The first pass over a segment checks the time budget once every this many hits (a power of two).</summary>
    internal const int BudgetCheckEvery = 1024;

    private sealed class KeptWeight : Weight
    {
        private readonly KeptScoresQuery query;
        private readonly IndexSearcher searcher;
        private readonly Similarity similarity;
        private Weight? inner;
        private float norm = float.NaN, boost = float.NaN;

        public KeptWeight(KeptScoresQuery query, IndexSearcher searcher)
        {
            this.query = query;
            this.searcher = searcher;
            similarity = searcher.Similarity;
        }

        public override Query Query => query;

        public override bool ScoresDocsOutOfOrder => false;

        /// <summary>The inner query's weight, made (and normalised as this one was) the first time it is needed.</summary>
        private Weight Inner()
        {
            if (inner is not null)
                return inner;
            var made = query.Inner.CreateWeight(searcher);
            made.GetValueForNormalization();
            if (!float.IsNaN(boost))
                made.Normalize(norm, boost);
            // The slices of one search (SlicedSearch) ask for it at once: the first made is the one kept.
            return Interlocked.CompareExchange(ref inner, made, null) ?? made;
        }

        // The inner weight's value, the same on every search of this reader with this similarity: kept.
        public override float GetValueForNormalization()
        {
            if (!query.normalizationValues.TryGetValue(similarity, out var value))
                query.normalizationValues[similarity] = value = Inner().GetValueForNormalization();
            return value * query.Boost * query.Boost;
        }

        public override void Normalize(float norm, float topLevelBoost)
        {
            this.norm = norm;
            boost = topLevelBoost * query.Boost;
            inner?.Normalize(norm, boost);
        }

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            var slot = query.slots.GetOrAdd((context.Ord, boost, norm, similarity), static _ => new object());
            var hits = query.store.FindMerged<Hits>(slot);
            if (hits is null)
            {
                // Every document the inner query finds in the segment, deleted ones too, with the score its scorer gives.
                var docs = new List<int>();
                var scores = new List<float>();
                // The pass runs before the collector sees a hit, so it checks the search's time budget itself (a
                // half-walked segment is not kept).
                var scorer = Inner().GetScorer(context, null);
                if (scorer is not null)
                {
                    int doc;
                    while ((doc = scorer.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        if ((docs.Count & (BudgetCheckEvery - 1)) == 0)
                            SearchBudget.Check();
                        docs.Add(doc);
                        scores.Add(scorer.GetScore());
                    }
                }
                hits = new Hits(docs.ToArray(), scores.ToArray());
                query.store.KeepMerged(slot, hits, 2L * hits.Docs.Length);
            }
            return hits.Docs.Length == 0 ? null : new KeptScorer(this, hits, acceptDocs);
        }

        public override Explanation Explain(AtomicReaderContext context, int doc) => Inner().Explain(context, doc);
    }

    private sealed class KeptScorer(Weight weight, Hits hits, IBits? acceptDocs) : Scorer(weight)
    {
        private readonly int[] docs = hits.Docs;
        private readonly float[] scores = hits.Scores;
        private int next = -1;
        private int doc = -1;

        public override int DocID => doc;

        public override int Freq => 1;

        public override float GetScore() => scores[next];

        public override int NextDoc()
        {
            next++;
            return Settle();
        }

        // From next on, the first document accepted.
        private int Settle()
        {
            if (acceptDocs is not null)
                while (next < docs.Length && !acceptDocs.Get(docs[next]))
                    next++;
            return doc = next < docs.Length ? docs[next] : NO_MORE_DOCS;
        }

        public override int Advance(int target)
        {
            int from = next + 1;
            if (from < docs.Length && docs[from] < target)
            {
                int found = Array.BinarySearch(docs, from, docs.Length - from, target);
                from = found >= 0 ? found : ~found;
            }
            next = from;
            return Settle();
        }

        public override long GetCost() => docs.Length;
    }
}
