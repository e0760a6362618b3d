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
                AddPhrase(plan, p.GetTerms().Select(t => new[] { t }).ToList(), p.GetPositions(), p.Slop);
                break;
            case MultiPhraseQuery m:
                AddPhrase(plan, m.GetTermArrays().ToList(), m.GetPositions(), m.Slop);
                break;
            case Search.Analysis.Names.SpellingsPhraseQuery sp:
                AddPhrase(plan, sp.TermArrays, Enumerable.Range(0, sp.TermArrays.Count).ToArray(), sp.Slop);
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

    private static void Add(MatchPlan plan, string field, string term, bool inPhrase = false)
    {
        var layer = field switch
        {
            Schema.Exact => "exact",
            Schema.Name => "folded",
            _ => "stem",
        };
        plan.AddMatch(field, term, term, layer, inPhrase: inPhrase);
    }

    /// <summary>Records a phrase's terms as matching only where the whole phrase is (a phrase of one position: anywhere).</summary>
    private static void AddPhrase(MatchPlan plan, IReadOnlyList<Term[]> words, int[] positions, int slop)
    {
        bool phrase = words.Count > 1;
        foreach (var word in words)
            foreach (var t in word)
                Add(plan, t.Field, t.Text, phrase);
        if (phrase && words[0].Length > 0)
            plan.AddPhrase(words[0][0].Field, words.Select((w, k) => (positions[k] - positions[0], w.Select(t => t.Text))), slop);
    }

    // MultiTermQuery.GetTermsEnum(Terms, AttributeSource) is protected; a rewrite method is the public way in.
    private sealed class Enumerator : MultiTermQuery.RewriteMethod
    {
        public static TermsEnum TermsEnumOf(MultiTermQuery query, Terms terms) => new Enumerator().GetTermsEnum(query, terms, new AttributeSource());

        public override Query Rewrite(IndexReader reader, MultiTermQuery query) => throw new NotSupportedException();
    }
}
