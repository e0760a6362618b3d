using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Search.Querying;

/// <summary>
/// Gives the term queries of a plan their terms' states in the reader the plan is for (<see cref="TermContext"/>: where
/// each term's postings are in every segment, and its document frequency). Lucene looks a term up in every segment's terms
/// dictionary each time a term query is searched, unless the query carries its states for that reader; a plan kept for
/// the reader (<see cref="PlanCache"/>) then searches without those look-ups, however many segments the index has. The
/// look-ups are the same ones, made once while planning instead of at every search, so scores do not change; a query
/// searched on another reader looks its terms up as before.
/// </summary>
internal static class TermStates
{
    /// <summary>
    /// <paramref name="query"/> with each plain term query, also inside Boolean and disjunction-max queries, replaced by one
    /// that carries its states in <paramref name="reader"/> (same term, same boost). New Boolean queries are made where a
    /// clause changes; no query given is changed.
    /// </summary>
    public static Query Attach(Query query, IndexReader reader) => Attach(query, reader.Context);

    private static Query Attach(Query query, IndexReaderContext top)
    {
        switch (query)
        {
            case TermQuery t when t.GetType() == typeof(TermQuery):
                return new TermQuery(t.Term, TermContext.Build(top, t.Term)) { Boost = t.Boost };
            case BooleanQuery b when b.GetType() == typeof(BooleanQuery):
            {
                var clauses = b.Clauses.Select(c => (c.Occur, Query: Attach(c.Query, top))).ToList();
                if (clauses.Select(c => c.Query).SequenceEqual(b.Clauses.Select(c => c.Query), ReferenceEqualityComparer.Instance))
                    return b;
                var copy = new BooleanQuery(b.CoordDisabled) { Boost = b.Boost, MinimumNumberShouldMatch = b.MinimumNumberShouldMatch };
                foreach (var (occur, q) in clauses)
                    copy.Add(q, occur);
                return copy;
            }
            case DisjunctionMaxQuery d when d.GetType() == typeof(DisjunctionMaxQuery):
            {
                var disjuncts = d.Disjuncts.Select(q => Attach(q, top)).ToList();
                if (disjuncts.SequenceEqual(d.Disjuncts, ReferenceEqualityComparer.Instance))
                    return d;
                var copy = new DisjunctionMaxQuery(d.TieBreakerMultiplier) { Boost = d.Boost };
                foreach (var q in disjuncts)
                    copy.Add(q);
                return copy;
            }
            default:
                return query;
        }
    }
}
