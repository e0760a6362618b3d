using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace Search.Querying;

/// <summary>
/// The plans of the query texts searched lately, per reader: a text searched again on the same point-in-time reader (the
/// next page, the page reloaded, the document view of a hit, a search many users make) runs the plan made the first time
/// instead of parsing, analysing and finding the names' spellings again. A plan depends only on the text, its grammar,
/// the exact-spelling switch, the reader and the name matcher, so the reuse changes no result; a refresh brings a new
/// reader and new plans.
/// </summary>
/// <remarks>
/// A plan cut short by the time budget (<see cref="MatchPlan.SpellingsCut"/>) is not kept: the next search gets every
/// spelling. At most <see cref="MaxPlans"/> plans are kept per reader (all forgotten when full); a plan's queries are
/// never changed once made (rewriting a query makes a new one), so concurrent searches share them.
/// </remarks>
internal sealed class PlanCache(QueryPlanner planner)
{
    /// <summary>The most plans kept for one reader.</summary>
    public const int MaxPlans = 512;

    private readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<Key, PlannedQuery>> byReader = new();
    private long planned;

    /// <summary>How many plans were made (not found kept); for tests.</summary>
    internal long Planned => Interlocked.Read(ref planned);

    /// <summary>The plan of <paramref name="request"/>'s text over <paramref name="reader"/>: the one kept, or a new one.</summary>
    /// <exception cref="QueryException">The text cannot be planned (a syntax error, too many clauses).</exception>
    public PlannedQuery Plan(SearchRequest request, IndexReader reader)
    {
        var plans = byReader.GetValue(reader, static _ => new ConcurrentDictionary<Key, PlannedQuery>());
        var key = new Key(request.Syntax, request.ExactSpelling, request.Query, NameQueryBuilder.Names);
        if (plans.TryGetValue(key, out var kept))
            return kept;
        var made = planner.Plan(request, reader);
        Interlocked.Increment(ref planned);
        if (!made.Plan.SpellingsCut)
        {
            if (plans.Count >= MaxPlans)
                plans.Clear();
            plans[key] = made;
        }
        return made;
    }

    private readonly record struct Key(QuerySyntax Syntax, bool ExactSpelling, string Query, object Names);
}
