using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Querying;

/// <summary>
/// A word typed as a name in the search box: its name layers required, its English stem in title and body adding to the
/// score. The query is the <see cref="BooleanQuery"/> <c>{ MUST names, SHOULD { SHOULD title, SHOULD body } }</c>, both
/// without coordination (the English part a <see cref="WordQuery"/>), and has its weights, normalisation, explanation and
/// terms; only its scorer is another.
/// </summary>
/// <remarks>
/// Lucene scores a required clause beside an optional one through a <c>ReqOptSumScorer</c> that advances the optional
/// scorer to every hit of the required one, each behind a counting wrapper. The name layers are kept per reader and cost
/// little, so that chain was most of the search box's time for a name (docs/benchmarks.md [S13]).
/// <see cref="NameAndStemScorer"/> follows the required scorer and advances the title and body scorers to each of its
/// documents itself, adding their scores as the <see cref="WordQuery"/> does (in double, then rounded to float) and that
/// sum to the required score as the required-optional scorer does: the same documents with the same float scores.
/// </remarks>
internal sealed class NameAndStemQuery : BooleanQuery
{
    /// <param name="names">The name layers (required).</param>
    /// <param name="title">The stem in the title (optional, with the title's boost).</param>
    /// <param name="body">The stem in the body (optional).</param>
    public NameAndStemQuery(Query names, Query title, Query body) : this(names, new WordQuery([title, body]))
    {
    }

    private NameAndStemQuery(Query names, Query stem) : base(disableCoord: true)
    {
        Add(names, Occur.MUST);
        Add(stem, Occur.SHOULD);
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new NameAndStemWeight(this, searcher);

    /// <summary>
    /// This query with <paramref name="map"/> applied to the name layers and the English part (this one when neither
    /// changes): how <see cref="TermStates.Attach"/> gives the stem's term queries their states.
    /// </summary>
    public NameAndStemQuery Map(Func<Query, Query> map)
    {
        Query names = Clauses[0].Query, stem = Clauses[1].Query;
        Query n = map(names), s = map(stem);
        return ReferenceEquals(n, names) && ReferenceEquals(s, stem) ? this : new NameAndStemQuery(n, s) { Boost = Boost };
    }

    private sealed class NameAndStemWeight(NameAndStemQuery query, IndexSearcher searcher) : BooleanWeight(query, searcher, disableCoord: true)
    {
        public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs)
        {
            var names = m_weights[0].GetScorer(context, acceptDocs);
            if (names is null)
                return null;
            // The title and body scorers, taken apart; any other English part (none is made) as one scorer.
            var optional = m_weights[1] is WordQuery.WordWeight stem ? stem.Scorers(context, acceptDocs)
                : m_weights[1].GetScorer(context, acceptDocs) is { } s ? [s] : [];
            return new NameAndStemScorer(this, names, optional);
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
