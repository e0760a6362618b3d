using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Querying;

/// <summary>
/// A word typed as a name in the search box: its name layers required, its English stem in title and body adding to the
/// score. The query is the <see cref="BooleanQuery"/> <c>{ MUST names, SHOULD { SHOULD title, SHOULD body } }</c>, both
/// without coordination, and has its weights, normalisation, explanation and terms; only its scorer is another.
/// </summary>
/// <remarks>
/// Lucene scores that query through four scorers per hit: the required scorer and, for the optional English part, a
/// <c>ReqOptSumScorer</c> that advances a disjunction (a heap over the title and body scorers) to every hit, behind two
/// counting wrappers. The name layers are kept per reader and cost little, so that chain was most of the search box's time
/// for a name (`name-profile`, docs/benchmarks.md [S13]). <see cref="NameAndStemScorer"/> follows the required scorer and
/// advances the title and body scorers to each of its documents itself, adding their scores as the disjunction does (in
/// double, then rounded to float) and that sum to the name layers' score as the required-optional scorer does: the same
/// documents with the same float scores.
/// </remarks>
internal sealed class NameAndStemQuery : BooleanQuery
{
    /// <param name="names">The name layers (required).</param>
    /// <param name="title">The stem in the title (optional, with the title's boost).</param>
    /// <param name="body">The stem in the body (optional).</param>
    public NameAndStemQuery(Query names, Query title, Query body) : base(disableCoord: true)
    {
        Add(names, Occur.MUST);
        Add(new StemQuery(title, body), Occur.SHOULD);
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new NameAndStemWeight(this, searcher);

    /// <summary>
    /// This query with <paramref name="map"/> applied to the name layers, the title and the body query (this one when
    /// none changes): how <see cref="TermStates.Attach"/> gives the stem's term queries their states.
    /// </summary>
    public NameAndStemQuery Map(Func<Query, Query> map)
    {
        var names = Clauses[0].Query;
        var stem = (BooleanQuery)Clauses[1].Query;
        Query title = stem.Clauses[0].Query, body = stem.Clauses[1].Query;
        Query n = map(names), t = map(title), b = map(body);
        if (ReferenceEquals(n, names) && ReferenceEquals(t, title) && ReferenceEquals(b, body))
            return this;
        return new NameAndStemQuery(n, t, b) { Boost = Boost };
    }

    /// <summary>The English part: the stem in title or body, the plain <see cref="BooleanQuery"/> of the two, whose scorers <see cref="NameAndStemWeight"/> takes apart.</summary>
    private sealed class StemQuery : BooleanQuery
    {
        public StemQuery(Query title, Query body) : base(disableCoord: true)
        {
            Add(title, Occur.SHOULD);
            Add(body, Occur.SHOULD);
        }

        public override Weight CreateWeight(IndexSearcher searcher) => new StemWeight(this, searcher);
    }

    private sealed class StemWeight(StemQuery query, IndexSearcher searcher) : BooleanWeight(query, searcher, disableCoord: true)
    {
        /// <summary>The scorers of the title and body clauses in one segment that have any match there (none, one or two).</summary>
        public List<Scorer> Scorers(AtomicReaderContext context, IBits acceptDocs)
        {
            var scorers = new List<Scorer>(m_weights.Count);
            foreach (var w in m_weights)
                if (w.GetScorer(context, acceptDocs) is { } s)
                    scorers.Add(s);
            return scorers;
        }
    }

    private sealed class NameAndStemWeight(NameAndStemQuery query, IndexSearcher searcher) : BooleanWeight(query, searcher, disableCoord: true)
    {
        public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs)
        {
            // The clauses are as the constructor made them unless a rewrite replaced the English part: then Lucene's scorer.
            if (m_weights.Count != 2 || m_weights[1] is not StemWeight stem)
                return base.GetScorer(context, acceptDocs);
            var names = m_weights[0].GetScorer(context, acceptDocs);
            if (names is null)
                return null;
            var optional = stem.Scorers(context, acceptDocs);
            if (optional.Count > 2)
                return base.GetScorer(context, acceptDocs);
            return new NameAndStemScorer(this, names, optional.ToArray());
        }
    }

    /// <summary>The documents of the required scorer; each scored as the required scorer's score plus the sum of the optional scorers on it.</summary>
    private sealed class NameAndStemScorer(Weight weight, Scorer required, Scorer[] optional) : Scorer(weight)
    {
        public override int DocID => required.DocID;

        public override int NextDoc() => required.NextDoc();

        public override int Advance(int target) => required.Advance(target);

        public override long GetCost() => required.GetCost();

        public override int Freq
        {
            get
            {
                int doc = required.DocID, matching = 1;
                foreach (var s in optional)
                    if (s.DocID == doc)
                        matching++;
                return matching;
            }
        }

        public override float GetScore()
        {
            int doc = required.DocID;
            float score = required.GetScore();
            // The disjunction of title and body sums its scorers' scores in double and rounds once (with two, the order of the
            // sum does not matter); ReqOptSumScorer adds that float to the required score.
            double sum = 0;
            bool any = false;
            foreach (var s in optional)
            {
                int at = s.DocID;
                if (at < doc)
                    at = s.Advance(doc);
                if (at == doc)
                {
                    sum += s.GetScore();
                    any = true;
                }
            }
            return any ? score + (float)sum : score;
        }
    }
}
