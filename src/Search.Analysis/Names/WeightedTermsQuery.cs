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
        private readonly TermContext[] states;
        private readonly Similarity.SimWeight?[] weights;
        private readonly bool[] given;

        public TermsWeight(WeightedTermsQuery query, IndexSearcher searcher)
        {
            this.query = query;
            similarity = searcher.Similarity;
            var top = searcher.TopReaderContext;
            var collection = searcher.CollectionStatistics(query.field);
            states = new TermContext[query.terms.Length];
            weights = new Similarity.SimWeight?[query.terms.Length];
            given = new bool[query.terms.Length];
            // Spellings with the same document frequency and boost get the same weight from BM25 (its weight reads nothing
            // else of the term): computed once (a 256-entry norm table and an explanation each), and shared.
            var shared = SharesWeights(similarity) ? new Dictionary<(int, float), Similarity.SimWeight>() : null;
            for (int i = 0; i < query.terms.Length; i++)
            {
                // As TermQuery does: the states given are used when they belong to this searcher's reader.
                var context = query.contexts[i];
                given[i] = context is not null && context.TopReaderContext == top;
                states[i] = given[i] ? context! : TermContext.Build(top, query.terms[i]);
                var key = (states[i].DocFreq, query.boosts[i]);
                if (shared is not null && shared.TryGetValue(key, out var same))
                {
                    weights[i] = same;
                    continue;
                }
                weights[i] = similarity.ComputeWeight(query.boosts[i], collection, searcher.TermStatistics(query.terms[i], states[i]));
                shared?.Add(key, weights[i]!);
            }
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
            float sum = 0;
            foreach (var w in weights)
                sum += w!.GetValueForNormalization();
            return sum * query.Boost * query.Boost;
        }

        public override void Normalize(float norm, float topLevelBoost)
        {
            topLevelBoost *= query.Boost;
            foreach (var w in weights)
                w!.Normalize(norm, topLevelBoost);
        }

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            var fieldTerms = context.AtomicReader.GetTerms(query.field);
            if (fieldTerms is null)
                return null;
            // A frequent spelling (the word itself, usually) keeps a postings enumerator of its own, read lazily as
            // a term query would; the rare ones are read at once with one reused enumerator and sorted.
            var frequent = new List<(DocsEnum Docs, Similarity.SimScorer Sim)>();
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
                // Terms that share a weight share its scorer in the segment too.
                if (!scorers.TryGetValue(weights[i]!, out var sim))
                    scorers.Add(weights[i]!, sim = similarity.GetSimScorer(weights[i], context));
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
                // Not kept: te was positioned on the term above.
                if (te!.DocFreq > FrequentTerm && frequent.Count < MaxFrequentTerms)
                {
                    frequent.Add((te.Docs(acceptDocs, null, DocsFlags.FREQS), sim));
                    continue;
                }
                var docs = reused = te.Docs(acceptDocs, reused, DocsFlags.FREQS);
                int doc;
                while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    keys.Add(((long)doc << 32) | (uint)scores.Count);
                    scores.Add(sim.Score(doc, docs.Freq));
                }
            }
            if (keys.Count == 0 && frequent.Count == 0)
                return null;
            var sorted = keys.ToArray();
            // By document, then by the order the postings were read (term by term).
            Array.Sort(sorted);
            return new TermsScorer(this, sorted, scores.ToArray(), frequent.ToArray());
        }

        /// <summary>
        /// A term in more documents of a segment than this is read lazily by its own enumerator. The same bound as the
        /// kept postings', so a kept term is always one read at once (its scores are summed in the same order).
        /// </summary>
        private const int FrequentTerm = RarePostings.MaxDocFreq;

        /// <summary>At most this many terms per segment are read lazily (the rest are read at once and sorted).</summary>
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
                var sim = similarity.GetSimScorer(weights[i], context);
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

    private sealed class TermsScorer : Scorer
    {
        private readonly long[] keys;
        private readonly float[] scores;
        private readonly (DocsEnum Docs, Similarity.SimScorer Sim)[] frequent;
        private int next;
        private int doc = -1;
        private int freq;
        private double score;

        public TermsScorer(Weight weight, long[] keys, float[] scores, (DocsEnum Docs, Similarity.SimScorer Sim)[] frequent)
            : base(weight)
        {
            this.keys = keys;
            this.scores = scores;
            this.frequent = frequent;
            foreach (var f in frequent)
                f.Docs.NextDoc();
        }

        public override int DocID => doc;

        public override int Freq => freq;

        public override float GetScore() => (float)score;

        public override int NextDoc()
        {
            int target = next < keys.Length ? (int)(keys[next] >> 32) : NO_MORE_DOCS;
            foreach (var f in frequent)
                target = Math.Min(target, f.Docs.DocID);
            return Collect(target);
        }

        // Sums the scores of every term at the document (in double, as DisjunctionSumScorer sums its clauses'
        // scores) and moves every source past it.
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
            while (next < keys.Length && (int)(keys[next] >> 32) == target)
            {
                score += scores[(int)(uint)keys[next]];
                freq++;
                next++;
            }
            return doc;
        }

        public override int Advance(int target)
        {
            // Skip the sorted postings by binary search and each frequent term by its skip list.
            next = RarePostings.FirstAtOrAfter(keys, next, target);
            int first = next < keys.Length ? (int)(keys[next] >> 32) : NO_MORE_DOCS;
            foreach (var f in frequent)
            {
                if (f.Docs.DocID < target)
                    f.Docs.Advance(target);
                first = Math.Min(first, f.Docs.DocID);
            }
            return Collect(first);
        }

        public override long GetCost() => keys.Length + frequent.Sum(f => f.Docs.GetCost());
    }
}
