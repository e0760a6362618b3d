using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Search.Querying;

/// <summary>
/// Gives the term queries of a plan their terms' states in the reader the plan is for (<see cref="TermContext"/>: where
/// each term's postings are in every segment, and its document frequency). Lucene looks a term up in every segment's terms
/// dictionary each time a term query is searched, unless the query carries its states for that reader; a plan kept for
/// the reader (<see cref="PlanCache"/>) then searches without those look-ups, however many segments the index has. The
/// states come from the name matcher's term cache (<see cref="NameQueryBuilder.TermContextOf"/>), kept per segment core,
/// so a new plan, or the first plan after a refresh, looks up only the terms and segments not seen before. Exact phrases
/// get the same states through <see cref="ExactPhraseQuery"/> (Lucene's phrase cannot be given them). Scores do not
/// change; a query searched on another reader looks its terms up as before.
/// </summary>
internal static class TermStates
{
    /// <summary>
    /// <paramref name="query"/> with each plain term query, also inside Boolean, disjunction-max,
    /// <see cref="NameAndStemQuery"/> and <see cref="WordQuery"/> queries, replaced by one
    /// that carries its states in <paramref name="reader"/> (same term, same boost), and each exact phrase by an
    /// <see cref="ExactPhraseQuery"/> over its terms' states. New Boolean queries are made where a
    /// clause changes; no query given is changed.
    /// </summary>
    public static Query Attach(Query query, IndexReader reader)
    {
        switch (query)
        {
            case TermQuery t when t.GetType() == typeof(TermQuery):
                return new TermQuery(t.Term, NameQueryBuilder.TermContextOf(reader, t.Term.Field, t.Term.Text)) { Boost = t.Boost };
            case PhraseQuery p when ExactPhraseQuery.Takes(p):
                return new ExactPhraseQuery(p, t => NameQueryBuilder.TermContextOf(reader, t.Field, t.Text));
            case BooleanQuery b when b.GetType() == typeof(BooleanQuery):
                return BooleanQueries.MapClauses(b, q => Attach(q, reader));
            case NameAndStemQuery n:
                return n.Map(q => Attach(q, reader));
            case WordQuery w:
                return w.Map(q => Attach(q, reader));
            case DisjunctionMaxQuery d when d.GetType() == typeof(DisjunctionMaxQuery):
            {
                var disjuncts = d.Disjuncts.Select(q => Attach(q, reader)).ToList();
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
