using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Search.Analysis.Names;

/// <summary>
/// A disjunction of many terms of one field, each with its own boost, scored as a <see cref="BooleanQuery"/> of
/// <see cref="TermQuery"/> clauses with the coord disabled scores it (the sum of each matching term's similarity
/// score), but without a scorer, a terms enumerator and a postings enumerator per term per segment, and without
/// the heap that merges a hundred postings lists. Per segment it reads the postings of every term present with
/// one reused enumerator, scores each posting with the term's own <see cref="Similarity.SimScorer"/> and sorts
/// the postings by document: the spellings of a name are mostly rare, so there are few postings and many terms.
/// The term states come with the query (<see cref="NameMatcher.NameTermContext"/>), so no term is sought in
/// the terms dictionary either.
/// </summary>
internal sealed class WeightedTermsQuery : Query
{
    private readonly string field;
    private readonly Term[] terms;
    private readonly float[] boosts;
    private readonly TermContext?[] contexts;
    private readonly RarePostings? rare;

    /// <summary>
    /// With every term state given: the group of each term (terms with the same document frequency and boost, which share
    /// one BM25 weight), and the first term of each group; null otherwise.
    /// </summary>
    private readonly int[]? groupOf;
    private readonly int[]? representatives;

    /// <summary>
    /// With every term state given and <see cref="rare"/>: per segment, effective boost and similarity, the key under
    /// which the merged postings of the terms read at once are kept in <see cref="rare"/>'s budget. Shared by clones (a
    /// rewrite clones the query to change its boost, which is part of the key).
    /// </summary>
    private readonly ConcurrentDictionary<(int Ord, float Boost, Similarity Similarity), object>? slots;

    /// <summary>With <see cref="slots"/>: the value for normalisation (the sum of every term's) per similarity, for weights made lazily.</summary>
    private readonly ConcurrentDictionary<Similarity, float>? normalizationValues;

    /// <param name="field">The field of every term.</param>
    /// <param name="entries">The terms (the same term may come twice, as two clauses would), their boosts and, when known, their states.</param>
    /// <param name="rare">Where the postings of rare terms are kept (for the states given), or null to read them every time.</param>
    internal WeightedTermsQuery(string field, IReadOnlyList<(string Text, float Boost, TermContext? Context)> entries, RarePostings? rare = null)
    {
        this.field = field;
        this.rare = rare;
        terms = entries.Select(e => new Term(field, e.Text)).ToArray();
        boosts = entries.Select(e => e.Boost).ToArray();
        contexts = entries.Select(e => e.Context).ToArray();
        if (contexts.All(c => c is not null))
        {
            groupOf = new int[contexts.Length];
            var groups = new Dictionary<(int, float), int>();
            var firsts = new List<int>();
            for (int i = 0; i < contexts.Length; i++)
            {
                if (!groups.TryGetValue((contexts[i]!.DocFreq, boosts[i]), out int g))
                {
                    groups.Add((contexts[i]!.DocFreq, boosts[i]), g = firsts.Count);
                    firsts.Add(i);
                }
                groupOf[i] = g;
            }
            representatives = firsts.ToArray();
            if (rare is not null)
            {
                slots = new ConcurrentDictionary<(int, float, Similarity), object>();
                normalizationValues = new ConcurrentDictionary<Similarity, float>(ReferenceEqualityComparer.Instance);
            }
        }
    }

    /// <summary>The number of terms (each would be a clause of a <see cref="BooleanQuery"/>).</summary>
    internal int Count => terms.Length;

    /// <summary>The terms and their boosts, in order.</summary>
    internal IEnumerable<(Term Term, float Boost)> Terms => terms.Zip(boosts);

    public override Weight CreateWeight(IndexSearcher searcher) => new TermsWeight(this, searcher);

    public override void ExtractTerms(ISet<Term> terms)
    {
        foreach (var t in this.terms)
            terms.Add(t);
    }

    public override string ToString(string field) =>
        "(" + string.Join(" ", terms.Zip(boosts).Select(tb => (tb.First.Field == field ? "" : tb.First.Field + ":") + tb.First.Text +
            (tb.Second == 1f ? "" : "^" + tb.Second.ToString(System.Globalization.CultureInfo.InvariantCulture)))) + ")" +
        (Boost == 1f ? "" : "^" + Boost.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override bool Equals(object? obj) =>
        obj is WeightedTermsQuery other && Boost == other.Boost && field == other.field &&
        terms.SequenceEqual(other.terms) && boosts.SequenceEqual(other.boosts);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Boost);
        h.Add(field);
        foreach (var t in terms) h.Add(t);
        foreach (var b in boosts) h.Add(b);
        return h.ToHashCode();
    }

    private sealed class TermsWeight : Weight
    {
        private readonly WeightedTermsQuery query;
        private readonly Similarity similarity;
        private readonly IndexSearcher searcher;
        private readonly CollectionStatistics collection;
        private readonly TermContext[] states;
        private readonly Similarity.SimWeight?[] weights;
        private readonly Similarity.SimWeight?[] distinct;
        private readonly bool[] given;

        /// <summary>
        /// True when each segment's merged postings may be kept with the query (see <see cref="GetScorer"/>); then the weights
        /// are made when first needed (a segment's postings are merged, or explained), one per group of terms.
        /// </summary>
        private readonly bool keepMerged;

        /// <summary>The arguments the weights were normalised with (the boost: the query's own times the enclosing queries').</summary>
        private float queryNorm = float.NaN, effectiveBoost = float.NaN;

        public TermsWeight(WeightedTermsQuery query, IndexSearcher searcher)
        {
            this.query = query;
            this.searcher = searcher;
            similarity = searcher.Similarity;
            var top = searcher.TopReaderContext;
            collection = searcher.CollectionStatistics(query.field);
            states = new TermContext[query.terms.Length];
            weights = new Similarity.SimWeight?[query.terms.Length];
            given = new bool[query.terms.Length];
            bool allGiven = true;
            for (int i = 0; i < query.terms.Length; i++)
            {
                // As TermQuery does: the states given are used when they belong to this searcher's reader.
                var context = query.contexts[i];
                given[i] = context is not null && context.TopReaderContext == top;
                states[i] = given[i] ? context! : TermContext.Build(top, query.terms[i]);
                allGiven &= given[i];
            }
            // Spellings with the same document frequency and boost get the same weight from BM25 (its weight reads nothing
            // else of the term): computed once (a 256-entry norm table and an explanation each), and shared.
            bool share = SharesWeights(similarity);
            if (share && allGiven && query.groupOf is not null)
            {
                // The groups were formed when the query was made, from the same states; the weights are made when needed.
                distinct = new Similarity.SimWeight?[query.representatives!.Length];
                keepMerged = query.slots is not null;
                if (!keepMerged)
                    for (int i = 0; i < weights.Length; i++)
                        WeightOf(i);
            }
            else
            {
                var shared = share ? new Dictionary<(int, float), Similarity.SimWeight>() : null;
                var all = new List<Similarity.SimWeight>();
                for (int i = 0; i < query.terms.Length; i++)
                {
                    var key = (states[i].DocFreq, query.boosts[i]);
                    if (shared is not null && shared.TryGetValue(key, out var same))
                    {
                        weights[i] = same;
                        continue;
                    }
                    weights[i] = similarity.ComputeWeight(query.boosts[i], collection, searcher.TermStatistics(query.terms[i], states[i]));
                    shared?.Add(key, weights[i]!);
                    all.Add(weights[i]!);
                }
                distinct = all.ToArray();
            }
        }

        /// <summary>The weight of term <paramref name="i"/>, made (and normalised, when the query was) the first time it is needed.</summary>
        private Similarity.SimWeight WeightOf(int i)
        {
            var w = weights[i];
            if (w is not null)
                return w;
            int g = query.groupOf![i];
            w = distinct[g];
            if (w is null)
            {
                int r = query.representatives![g];
                w = similarity.ComputeWeight(query.boosts[r], collection, searcher.TermStatistics(query.terms[r], states[r]));
                if (!float.IsNaN(effectiveBoost))
                    w.Normalize(queryNorm, effectiveBoost);
                // The slices of one search (SlicedSearch) may make it at once: the first made is the one shared.
                w = Interlocked.CompareExchange(ref distinct[g], w, null) ?? w;
            }
            return weights[i] = w;
        }

        /// <summary>
        /// True when the similarity is BM25 with Lucene's own weight (idf from the document frequency and the collection's
        /// statistics only, a normalisation that sets rather than accumulates): then one weight can serve every term with the
        /// same document frequency and boost. Subclasses that change only the norms (as the index's similarity does) qualify.
        /// </summary>
        private static bool SharesWeights(Similarity similarity) =>
            SharingTypes.GetOrAdd(similarity.GetType(), static type =>
                typeof(BM25Similarity).IsAssignableFrom(type) &&
                DeclaredByBm25(type, nameof(BM25Similarity.ComputeWeight), [typeof(float), typeof(CollectionStatistics), typeof(TermStatistics[])]) &&
                DeclaredByBm25(type, "IdfExplain", [typeof(CollectionStatistics), typeof(TermStatistics)]) &&
                DeclaredByBm25(type, "IdfExplain", [typeof(CollectionStatistics), typeof(TermStatistics[])]) &&
                DeclaredByBm25(type, "Idf", [typeof(long), typeof(long)]) &&
                DeclaredByBm25(type, "AvgFieldLength", [typeof(CollectionStatistics)]));

        private static bool DeclaredByBm25(Type type, string name, Type[] parameters) =>
            type.GetMethod(name, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic,
                null, parameters, null)?.DeclaringType == typeof(BM25Similarity);

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> SharingTypes = new();

        public override Query Query => query;

        public override bool ScoresDocsOutOfOrder => false;

        // As BooleanWeight sums its clauses' values and applies its own boost.
        public override float GetValueForNormalization()
        {
            // With weights made lazily, the sum is the same on every search of this reader with this similarity: kept.
            if (keepMerged && query.normalizationValues!.TryGetValue(similarity, out var kept))
                return kept * query.Boost * query.Boost;
            float sum = 0;
            for (int i = 0; i < weights.Length; i++)
                sum += WeightOf(i).GetValueForNormalization();
            if (keepMerged)
                query.normalizationValues![similarity] = sum;
            return sum * query.Boost * query.Boost;
        }

        public override void Normalize(float norm, float topLevelBoost)
        {
            topLevelBoost *= query.Boost;
            queryNorm = norm;
            effectiveBoost = topLevelBoost;
            // A shared weight is normalised once (BM25's normalisation sets its value, so once is what every term had).
            foreach (var w in distinct)
                w?.Normalize(norm, topLevelBoost);
        }

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            var fieldTerms = context.AtomicReader.GetTerms(query.field);
            if (fieldTerms is null)
                return null;
            Merged merged;
            IBits? skip = null;
            if (keepMerged && !float.IsNaN(effectiveBoost))
            {
                // Every state given and BM25's shared weights: the scores depend only on the segment, the reader's statistics
                // (fixed by the states), the boost and the similarity. The terms read at once are merged once per segment and
                // kept with the query; deletions (and any filter) are applied while scoring instead of while reading.
                var slot = query.slots!.GetOrAdd((context.Ord, effectiveBoost, similarity), static _ => new object());
                var kept = query.rare!.FindMerged<Merged>(slot);
                if (kept is null)
                {
                    // Every term, the frequent ones too: read once, then no enumerator (and no read of the postings file) per query.
                    kept = Merge(context, fieldTerms, null, lazyFrequent: false);
                    query.rare.KeepMerged(slot, kept, kept.Size);
                }
                merged = kept;
                skip = acceptDocs;
            }
            else
                merged = Merge(context, fieldTerms, acceptDocs, lazyFrequent: true);
            if (merged.Docs.Length == 0 && merged.Frequent.Length == 0)
                return null;
            // A frequent spelling (the word itself, usually) keeps a postings enumerator of its own, read lazily as
            // a term query would.
            var frequent = new (DocsEnum Docs, Similarity.SimScorer Sim)[merged.Frequent.Length];
            TermsEnum? te = null;
            for (int k = 0; k < frequent.Length; k++)
            {
                int i = merged.Frequent[k];
                te ??= fieldTerms.GetEnumerator();
                te.SeekExact(query.terms[i].Bytes, states[i].Get(context.Ord));
                frequent[k] = (te.Docs(acceptDocs, null, DocsFlags.FREQS), similarity.GetSimScorer(WeightOf(i), context));
            }
            return new TermsScorer(this, merged, skip, frequent);
        }

        /// <summary>
        /// The postings of every term of the segment (except the frequent ones when <paramref name="lazyFrequent"/>), scored
        /// with each term's own scorer and summed per document (in double, in the order of the terms, as
        /// <c>DisjunctionSumScorer</c> sums its clauses' scores: the scores are floats of a narrow range, so each sum is exact
        /// in double and does not depend on the order); and which terms are left to be read lazily.
        /// </summary>
        private Merged Merge(AtomicReaderContext context, Terms fieldTerms, IBits? acceptDocs, bool lazyFrequent)
        {
            var frequent = new List<int>();
            var keys = new List<long>();
            var scores = new List<float>();
            TermsEnum? te = null;
            DocsEnum? reused = null;
            var scorers = new Dictionary<Similarity.SimWeight, Similarity.SimScorer>(ReferenceEqualityComparer.Instance);
            for (int i = 0; i < states.Length; i++)
            {
                var state = states[i].Get(context.Ord);
                if (state is null)
                    continue;
                // A rare term of a state given (cached with it) is read from memory, deletions applied here.
                var kept = given[i] && query.rare is not null ? query.rare.Find(state) : null;
                if (kept is null)
                {
                    te ??= fieldTerms.GetEnumerator();
                    te.SeekExact(query.terms[i].Bytes, state);
                    kept = given[i] && query.rare is not null && te.DocFreq <= FrequentTerm ? query.rare.Get(state, te) : null;
                }
                // Not kept: te was positioned on the term above.
                if (lazyFrequent && kept is null && te!.DocFreq > FrequentTerm && frequent.Count < MaxFrequentTerms)
                {
                    frequent.Add(i);
                    continue;
                }
                // Terms that share a weight share its scorer in the segment too.
                var weight = WeightOf(i);
                if (!scorers.TryGetValue(weight, out var sim))
                    scorers.Add(weight, sim = similarity.GetSimScorer(weight, context));
                if (kept is not null)
                {
                    var keptDocs = kept.Docs;
                    for (int k = 0; k < keptDocs.Length; k++)
                    {
                        int d = keptDocs[k];
                        if (acceptDocs is not null && !acceptDocs.Get(d))
                            continue;
                        keys.Add(((long)d << 32) | (uint)scores.Count);
                        scores.Add(sim.Score(d, kept.Freqs[k]));
                    }
                    continue;
                }
                var docs = reused = te!.Docs(acceptDocs, reused, DocsFlags.FREQS);
                int doc;
                while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    keys.Add(((long)doc << 32) | (uint)scores.Count);
                    scores.Add(sim.Score(doc, docs.Freq));
                }
            }
            var sorted = keys.ToArray();
            // By document, then by the order the postings were read (term by term).
            Array.Sort(sorted);
            var mergedDocs = new List<int>();
            var sums = new List<double>();
            var counts = new List<int>();
            foreach (var key in sorted)
            {
                int d = (int)(key >> 32);
                if (mergedDocs.Count == 0 || mergedDocs[^1] != d)
                {
                    mergedDocs.Add(d);
                    sums.Add(0);
                    counts.Add(0);
                }
                sums[^1] += scores[(int)(uint)key];
                counts[^1]++;
            }
            return new Merged(mergedDocs.ToArray(), sums.ToArray(), counts.ToArray(), frequent.ToArray());
        }

        /// <summary>
        /// A term in more documents of a segment than this is read lazily by its own enumerator. The same bound as the
        /// kept postings', so a kept term is always one read at once.
        /// </summary>
        private const int FrequentTerm = RarePostings.MaxDocFreq;

        /// <summary>At most this many terms per segment are read lazily (the rest are read at once and merged).</summary>
        private const int MaxFrequentTerms = 8;

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            var result = new ComplexExplanation { Description = "sum of:" };
            double sum = 0;
            var fieldTerms = context.AtomicReader.GetTerms(query.field);
            for (int i = 0; i < states.Length && fieldTerms is not null; i++)
            {
                var state = states[i].Get(context.Ord);
                if (state is null)
                    continue;
                var te = fieldTerms.GetEnumerator();
                te.SeekExact(query.terms[i].Bytes, state);
                var docs = te.Docs(context.AtomicReader.LiveDocs, null, DocsFlags.FREQS);
                if (docs.Advance(doc) != doc)
                    continue;
                var freq = new Explanation(docs.Freq, "termFreq=" + docs.Freq);
                var sim = similarity.GetSimScorer(WeightOf(i), context);
                var detail = new ComplexExplanation(true, sim.Score(doc, docs.Freq), $"weight({query.terms[i]} in {doc}), result of:");
                detail.AddDetail(sim.Explain(doc, freq));
                result.AddDetail(detail);
                sum += detail.Value;
            }
            result.Value = (float)sum;
            result.Match = sum > 0 || result.GetDetails()?.Length > 0;
            return result;
        }
    }

    /// <summary>
    /// One segment's postings of the terms read at once, merged: each document once, with the sum of its terms' scores
    /// (in double, term by term) and how many terms it has; and the terms read lazily.
    /// </summary>
    private sealed class Merged(int[] docs, double[] sums, int[] counts, int[] frequent)
    {
        internal readonly int[] Docs = docs;
        internal readonly double[] Sums = sums;
        internal readonly int[] Counts = counts;
        internal readonly int[] Frequent = frequent;

        /// <summary>Its size in values of four bytes.</summary>
        internal long Size => 4L * Docs.Length + Frequent.Length;
    }

    private sealed class TermsScorer : Scorer
    {
        private readonly int[] docs;
        private readonly double[] sums;
        private readonly int[] counts;
        private readonly IBits? acceptDocs;
        private readonly (DocsEnum Docs, Similarity.SimScorer Sim)[] frequent;
        private int next;
        private int doc = -1;
        private int freq;
        private double score;

        /// <param name="weight">The weight that made it.</param>
        /// <param name="merged">The segment's terms read at once, merged.</param>
        /// <param name="acceptDocs">The documents the merged postings may give (null: all; the frequent terms' enumerators apply their own).</param>
        /// <param name="frequent">The terms read lazily, each with its enumerator and scorer.</param>
        public TermsScorer(Weight weight, Merged merged, IBits? acceptDocs, (DocsEnum Docs, Similarity.SimScorer Sim)[] frequent)
            : base(weight)
        {
            docs = merged.Docs;
            sums = merged.Sums;
            counts = merged.Counts;
            this.acceptDocs = acceptDocs;
            this.frequent = frequent;
            foreach (var f in frequent)
                f.Docs.NextDoc();
            SkipRejected();
        }

        public override int DocID => doc;

        public override int Freq => freq;

        public override float GetScore() => (float)score;

        // Moves past merged documents that are deleted or filtered out.
        private void SkipRejected()
        {
            if (acceptDocs is null)
                return;
            while (next < docs.Length && !acceptDocs.Get(docs[next]))
                next++;
        }

        public override int NextDoc()
        {
            int target = next < docs.Length ? docs[next] : NO_MORE_DOCS;
            foreach (var f in frequent)
                target = Math.Min(target, f.Docs.DocID);
            return Collect(target);
        }

        // Sums the scores of every term at the document (the frequent terms' first, then the merged sum, as
        // DisjunctionSumScorer would have added them in double) and moves every source past it.
        private int Collect(int target)
        {
            doc = target;
            score = 0;
            freq = 0;
            if (target == NO_MORE_DOCS)
                return doc;
            foreach (var f in frequent)
            {
                if (f.Docs.DocID == target)
                {
                    score += f.Sim.Score(target, f.Docs.Freq);
                    freq++;
                    f.Docs.NextDoc();
                }
            }
            if (next < docs.Length && docs[next] == target)
            {
                score += sums[next];
                freq += counts[next];
                next++;
                SkipRejected();
            }
            return doc;
        }

        public override int Advance(int target)
        {
            // Skip the merged postings by binary search and each frequent term by its skip list.
            if (next < docs.Length && docs[next] < target)
            {
                int found = Array.BinarySearch(docs, next, docs.Length - next, target);
                next = found >= 0 ? found : ~found;
                SkipRejected();
            }
            int first = next < docs.Length ? docs[next] : NO_MORE_DOCS;
            foreach (var f in frequent)
            {
                if (f.Docs.DocID < target)
                    f.Docs.Advance(target);
                first = Math.Min(first, f.Docs.DocID);
            }
            return Collect(first);
        }

        public override long GetCost() => docs.Length + frequent.Sum(f => f.Docs.GetCost());
    }
}
