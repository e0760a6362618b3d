using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Index;

namespace Search.Querying;

/// <summary>
/// A search-box word not typed as a name: its English stem in title or body, or its name layers, any of them; and any other
/// Boolean query of two or three optional clauses (<see cref="Specialize"/>). The query is the <see cref="BooleanQuery"/> of
/// those clauses without coordination, and has its weights, normalisation, explanation and terms; only its scorer is another.
/// </summary>
/// <remarks>
/// Lucene scores a disjunction through a heap of its scorers, reordered at every document (each move of a scorer in the
/// heap is an array store with a type check: 6 % of a frequent word's search in `perf`), and a disjunction of two or three
/// clauses gains nothing from a heap. <see cref="FewScorers"/> keeps them in an array and takes the least document, and
/// sums the scores of those on it in double before rounding to float, as Lucene's disjunction does: the sum of two or
/// three float scores is exact in double (unless they differ by more than 2^29), whatever their order, so the scores are
/// the same.
/// </remarks>
internal sealed class WordQuery : BooleanQuery
{
    /// <summary>The most clauses this query takes: the title, the body and the name layers.</summary>
    public const int MaxClauses = 3;

    /// <param name="clauses">Two or three queries, any of which matches.</param>
    public WordQuery(IReadOnlyList<Query> clauses) : base(disableCoord: true)
    {
        if (clauses.Count is < 2 or > MaxClauses)
            throw new ArgumentOutOfRangeException(nameof(clauses), clauses.Count, $"A word query takes 2 to {MaxClauses} clauses.");
        foreach (var c in clauses)
            Add(c, Occur.SHOULD);
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new WordWeight(this, searcher);

    /// <summary>
    /// <paramref name="query"/> with every plain <see cref="BooleanQuery"/> of two or three optional clauses, at any depth
    /// of plain Boolean queries, made a <see cref="WordQuery"/> of the same clauses and boost (the strict syntax's word over
    /// title and body, an OR of two or three words); other queries are kept, and none given is changed.
    /// </summary>
    /// <remarks>
    /// A <see cref="WordQuery"/> does not coordinate, and a Boolean query of the strict syntax may: the scores are the same
    /// because the index's similarity (<c>ExactLengthSimilarity</c>, a BM25 similarity) gives every overlap a coordination
    /// factor of 1.
    /// </remarks>
    public static Query Specialize(Query query)
    {
        if (query is not BooleanQuery b || b.GetType() != typeof(BooleanQuery))
            return query;
        var mapped = BooleanQueries.MapClauses(b, Specialize);
        if (mapped.Clauses.Count is >= 2 and <= MaxClauses && mapped.MinimumNumberShouldMatch == 0 && mapped.Clauses.All(c => c.Occur == Occur.SHOULD))
            return new WordQuery(mapped.Clauses.Select(c => c.Query).ToList()) { Boost = mapped.Boost };
        return mapped;
    }

    /// <summary>This query with <paramref name="map"/> applied to each clause (this one when none changes): how <see cref="TermStates.Attach"/> gives its term queries their states.</summary>
    public WordQuery Map(Func<Query, Query> map)
    {
        var clauses = Clauses.Select(c => c.Query).ToList();
        var mapped = clauses.Select(map).ToList();
        return mapped.SequenceEqual(clauses, ReferenceEqualityComparer.Instance) ? this : new WordQuery(mapped) { Boost = Boost };
    }

    /// <summary>The weight of a <see cref="WordQuery"/>: its clauses' weights, with a scorer of its own.</summary>
    internal sealed class WordWeight(WordQuery query, IndexSearcher searcher) : BooleanWeight(query, searcher, disableCoord: true)
    {
        public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs)
        {
            // The clauses are as the constructor made them unless someone added to them: then Lucene's scorer.
            if (m_weights.Count is < 2 or > MaxClauses || query.Clauses.Any(c => c.Occur != Occur.SHOULD))
                return base.GetScorer(context, acceptDocs);
            var scorers = Scorers(context, acceptDocs);
            // One scorer with matches in this segment: Lucene scores it as that scorer (times a coordination factor of 1).
            return scorers.Length == 0 ? null : new FewScorers(this, scorers);
        }

        /// <summary>The scorers of the clauses that have matches in the segment (none to three).</summary>
        public Scorer[] Scorers(AtomicReaderContext context, IBits acceptDocs)
        {
            var scorers = new List<Scorer>(m_weights.Count);
            foreach (var w in m_weights)
                if (w.GetScorer(context, acceptDocs) is { } s)
                    scorers.Add(s);
            return scorers.ToArray();
        }
    }

    /// <summary>The documents of any of one to three scorers, each scored as the sum of the scorers on it.</summary>
    internal sealed class FewScorers : Scorer
    {
        private readonly Scorer[] scorers;
        private int doc = -1;

        public FewScorers(Weight weight, Scorer[] scorers) : base(weight)
        {
            if (scorers.Length is < 1 or > MaxClauses)
                throw new ArgumentOutOfRangeException(nameof(scorers));
            this.scorers = scorers;
        }

        public override int DocID => doc;

        public override int NextDoc()
        {
            if (doc == NO_MORE_DOCS)
                return doc;
            int next = NO_MORE_DOCS;
            foreach (var s in scorers)
            {
                int at = s.DocID;
                if (at <= doc)
                    at = s.NextDoc();
                if (at < next)
                    next = at;
            }
            return doc = next;
        }

        public override int Advance(int target)
        {
            if (doc == NO_MORE_DOCS)
                return doc;
            int next = NO_MORE_DOCS;
            foreach (var s in scorers)
            {
                int at = s.DocID;
                if (at < target)
                    at = s.Advance(target);
                if (at < next)
                    next = at;
            }
            return doc = next;
        }

        public override float GetScore()
        {
            double sum = 0;
            foreach (var s in scorers)
                if (s.DocID == doc)
                    sum += s.GetScore();
            return (float)sum;
        }

        public override int Freq
        {
            get
            {
                int matching = 0;
                foreach (var s in scorers)
                    if (s.DocID == doc)
                        matching++;
                return matching;
            }
        }

        public override long GetCost()
        {
            long cost = 0;
            foreach (var s in scorers)
                cost += s.GetCost();
            return cost;
        }
    }
}
