using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Search.Querying;

/// <summary>Builds the query for analysed tokens in one field: a term, synonyms, a phrase or a multi-phrase.</summary>
internal static class FieldQueries
{
    /// <summary>
    /// A query matching <paramref name="tokens"/> in <paramref name="field"/> at their relative positions
    /// (tokens at the same position are alternatives), recording each term in <paramref name="plan"/>.
    /// Returns <c>null</c> when there are no tokens.
    /// </summary>
    public static Query? ForTokens(string field, IReadOnlyList<AnalyzedToken> tokens, MatchPlan plan, string queryWord, string layer, float boost = 1f)
    {
        if (tokens.Count == 0)
            return null;
        var positions = new List<(int Position, List<string> Terms)>();
        int position = -1;
        foreach (var t in tokens)
        {
            if (positions.Count == 0 || t.PositionIncrement > 0)
            {
                position += Math.Max(1, t.PositionIncrement);
                positions.Add((position, [t.Term]));
            }
            else
            {
                positions[^1].Terms.Add(t.Term);
            }
        }

        // The terms of a phrase match only where the whole phrase is: "White House" does not mark a house elsewhere.
        bool isPhrase = positions.Count > 1;
        foreach (var t in tokens)
            plan.AddMatch(field, t.Term, queryWord, layer, inPhrase: isPhrase);
        if (isPhrase)
            plan.AddPhrase(field, positions.Select(p => (p.Position - positions[0].Position, (IEnumerable<string>)p.Terms)), slop: 0);

        Query query;
        if (positions.Count == 1)
        {
            var terms = positions[0].Terms.Distinct(StringComparer.Ordinal).ToList();
            if (terms.Count == 1)
                query = new TermQuery(new Term(field, terms[0]));
            else
            {
                var synonyms = new BooleanQuery(disableCoord: true);
                foreach (var term in terms)
                    synonyms.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
                query = synonyms;
            }
        }
        else if (positions.All(p => p.Terms.Count == 1))
        {
            var phrase = new PhraseQuery();
            foreach (var (pos, terms) in positions)
                phrase.Add(new Term(field, terms[0]), pos - positions[0].Position);
            query = phrase;
        }
        else
        {
            var phrase = new MultiPhraseQuery();
            foreach (var (pos, terms) in positions)
                phrase.Add(terms.Distinct(StringComparer.Ordinal).Select(t => new Term(field, t)).ToArray(), pos - positions[0].Position);
            query = phrase;
        }
        query.Boost = boost;
        return query;
    }
}
