using Lucene.Net.Search;

namespace Search.Querying;

/// <summary>Rebuilding a plain <see cref="BooleanQuery"/> clause by clause, for the passes over a plan (<see cref="TermStates"/>, <see cref="WordQuery.Specialize"/>).</summary>
internal static class BooleanQueries
{
    /// <summary>
    /// <paramref name="query"/> with <paramref name="map"/> applied to each clause's query: <paramref name="query"/> itself
    /// when no clause changes, else a new <see cref="BooleanQuery"/> with the same occurs, coordination, boost and minimum
    /// of optional clauses. The query given is not changed.
    /// </summary>
    public static BooleanQuery MapClauses(BooleanQuery query, Func<Query, Query> map)
    {
        var clauses = query.Clauses.Select(c => (c.Occur, Query: map(c.Query))).ToList();
        if (clauses.Select(c => c.Query).SequenceEqual(query.Clauses.Select(c => c.Query), ReferenceEqualityComparer.Instance))
            return query;
        var copy = new BooleanQuery(query.CoordDisabled) { Boost = query.Boost, MinimumNumberShouldMatch = query.MinimumNumberShouldMatch };
        foreach (var (occur, q) in clauses)
            copy.Add(q, occur);
        return copy;
    }
}
