using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Records in a <see cref="MatchPlan"/> every term a strict-syntax query can match, so its hits can be
/// highlighted like those of the search box. Wildcard, prefix and fuzzy queries are expanded against the
/// index, a bounded number of terms each.
/// </summary>
internal static class QueryTerms
{
    private const int MaxTermsPerMultiTermQuery = 256;

    public static void Collect(Query query, IndexReader reader, MatchPlan plan)
    {
        switch (query)
        {
            case BooleanQuery b:
                foreach (var c in b.Clauses)
                    if (c.Occur != Occur.MUST_NOT)
                        Collect(c.Query, reader, plan);
                break;
            case DisjunctionMaxQuery d:
                foreach (var q in d.Disjuncts)
                    Collect(q, reader, plan);
                break;
            case TermQuery t:
                Add(plan, t.Term.Field, t.Term.Text);
                break;
            case PhraseQuery p:
                foreach (var t in p.GetTerms())
                    Add(plan, t.Field, t.Text);
                break;
            case MultiPhraseQuery m:
                foreach (var arr in m.GetTermArrays())
                    foreach (var t in arr)
                        Add(plan, t.Field, t.Text);
                break;
            case Search.Analysis.Names.SpellingsPhraseQuery sp:
                foreach (var arr in sp.TermArrays)
                    foreach (var t in arr)
                        Add(plan, t.Field, t.Text);
                break;
            case MultiTermQuery mtq:
                CollectMultiTerm(mtq, reader, plan);
                break;
        }
    }

    /// <summary>
    /// Records the terms <paramref name="mtq"/> covers, at most <see cref="MaxTermsPerMultiTermQuery"/>; with
    /// <paramref name="queryWord"/>, as that word's matches in <paramref name="layer"/> and its expansions.
    /// </summary>
    internal static void CollectMultiTerm(MultiTermQuery mtq, IndexReader reader, MatchPlan plan, string? queryWord = null, string? layer = null)
    {
        int added = 0;
        foreach (var leaf in reader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(mtq.Field);
            if (terms is null)
                continue;
            var te = Enumerator.TermsEnumOf(mtq, terms);
            while (te.MoveNext())
            {
                var term = te.Term.Utf8ToString();
                if (queryWord is null)
                    Add(plan, mtq.Field, term);
                else
                {
                    plan.AddMatch(mtq.Field, term, queryWord, layer ?? "exact");
                    plan.AddExpansion(queryWord, term, layer ?? "exact", 1.0);
                }
                if (++added >= MaxTermsPerMultiTermQuery)
                    return;
            }
        }
    }

    private static void Add(MatchPlan plan, string field, string term)
    {
        var layer = field switch
        {
            Schema.Exact => "exact",
            Schema.Name => "folded",
            _ => "stem",
        };
        plan.AddMatch(field, term, term, layer);
    }

    // MultiTermQuery.GetTermsEnum(Terms, AttributeSource) is protected; a rewrite method is the public way in.
    private sealed class Enumerator : MultiTermQuery.RewriteMethod
    {
        public static TermsEnum TermsEnumOf(MultiTermQuery query, Terms terms) => new Enumerator().GetTermsEnum(query, terms, new AttributeSource());

        public override Query Rewrite(IndexReader reader, MultiTermQuery query) => throw new NotSupportedException();
    }
}
