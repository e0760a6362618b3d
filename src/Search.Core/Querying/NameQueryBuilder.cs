using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// The name layers of a query word or quoted name: the exact spelling (case and accents kept, weighted
/// highest so it ranks first) and the folded name form. The caller ORs this with the English query for
/// the same word and ANDs the words.
/// </summary>
internal sealed class NameQueryBuilder
{
    // The English title/body query carries the ranking of ordinary words (title above body); the name
    // layers add to it. The exact layer only has to lift the spelling as typed above its variants, so a
    // small weight is enough and keeps a lower-case query from favouring lower-case occurrences.

    /// <summary>Weight of a match of the spelling exactly as typed.</summary>
    public const float ExactBoost = 0.3f;

    /// <summary>Weight of a match of the folded name form.</summary>
    public const float FoldedBoost = 0.5f;

    /// <summary>The name layers for one word as typed.</summary>
    public Query? BuildWord(string word, IndexReader reader, MatchPlan plan) => Build([word], plan);

    /// <summary>The name layers for a quoted multi-word name: phrases over each layer.</summary>
    public Query? BuildPhrase(IReadOnlyList<string> words, IndexReader reader, MatchPlan plan) => Build(words, plan);

    /// <summary>The exact-spelling layer only (the exact-spelling switch).</summary>
    public Query? BuildExact(IReadOnlyList<string> words, IndexReader reader, MatchPlan plan)
    {
        var text = string.Join(' ', words);
        var tokens = TextAnalysis.Analyze(Schema.ForField(Schema.Exact), Schema.Exact, text);
        return FieldQueries.ForTokens(Schema.Exact, tokens, plan, text, "exact", ExactBoost);
    }

    private static Query? Build(IReadOnlyList<string> words, MatchPlan plan)
    {
        var text = string.Join(' ', words);
        var exact = FieldQueries.ForTokens(Schema.Exact, TextAnalysis.Analyze(Schema.ForField(Schema.Exact), Schema.Exact, text), plan, text, "exact", ExactBoost);
        var folded = FieldQueries.ForTokens(Schema.Name, TextAnalysis.Analyze(Schema.ForField(Schema.Name), Schema.Name, text), plan, text, "folded", FoldedBoost);
        if (exact is null)
            return folded;
        if (folded is null)
            return exact;
        var either = new BooleanQuery(disableCoord: true);
        either.Add(exact, Occur.SHOULD);
        either.Add(folded, Occur.SHOULD);
        return either;
    }
}
