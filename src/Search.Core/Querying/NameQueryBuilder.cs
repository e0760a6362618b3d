using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Analysis.Names;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// The name layers of a query word or quoted name: the exact spelling (case and accents kept, weighted
/// highest so it ranks first), then the folded or transliterated name form and the attested variants the
/// lexicon field holds, each weighted by its similarity (see <see cref="NameMatcher"/>). The caller ORs
/// this with the English query for the same word and ANDs the words.
/// </summary>
internal sealed class NameQueryBuilder
{
    // The English title/body query carries the ranking of ordinary words (title above body); the name
    // layers add to it. The exact layer must lift the spelling as typed above every variant that also
    // matches in the English fields (Muammar QADHAFI above Muammar Qadhafi), so it outweighs one English
    // title match; variants are weighted by their similarity, below the folded form.

    /// <summary>Weight of a match of the spelling exactly as typed, for a word typed as a name.</summary>
    public const float ExactBoost = 3f;

    /// <summary>
    /// Weight of the exact spelling for a word typed in lower case: small, so a lower-case query does not
    /// favour lower-case occurrences over a title match.
    /// </summary>
    public const float LowerCaseExactBoost = 0.3f;

    /// <summary>True when the text was typed as a name: it has a capital letter or an Arabic-script letter.</summary>
    internal static bool LooksLikeName(string text) => text.Any(c => char.IsUpper(c) || NameForms.IsArabicLetter(c));

    /// <summary>Weight of a chunk written exactly as typed, punctuation included, relative to the exact boost.</summary>
    public const float RawBoostFactor = 0.5f;

    /// <summary>Weight of the name-form layers (folded, transliterated, variants; each also by similarity).</summary>
    public const float NameBoost = 0.5f;

    private static readonly NameFields Fields = new(Schema.Exact, Schema.Name, Schema.Lexicon);
    private static NameMatcher Matcher = new(Fields);

    /// <summary>
    /// Replaces the similarity (its cost tables) used by every name query from now on; for tuning the costs
    /// (<c>search eval names --tune</c>). Not for concurrent use with searches.
    /// </summary>
    internal static void UseSimilarity(NameSimilarity similarity) => Matcher = new NameMatcher(Fields, similarity);

    /// <summary>The name matcher every name query uses now: plans made with another (<see cref="UseSimilarity"/>) are not reused (<see cref="PlanCache"/>).</summary>
    internal static object Names => Matcher;

    /// <summary>The states of a term of any field in <paramref name="reader"/>, from the name matcher's cache per segment core (<see cref="NameMatcher.TermContextOf"/>).</summary>
    internal static TermContext TermContextOf(IndexReader reader, string field, string text) => Matcher.TermContextOf(reader, field, text);

    /// <summary>The name layers for one word as typed.</summary>
    public Query? BuildWord(string word, IndexReader reader, MatchPlan plan) => Build([word], reader, plan);

    /// <summary>The name layers for a quoted multi-word name: phrases over each word's variant set.</summary>
    public Query? BuildPhrase(IReadOnlyList<string> words, IndexReader reader, MatchPlan plan) => Build(words, reader, plan);

    /// <summary>The exact-spelling layer only (the exact-spelling switch).</summary>
    public Query? BuildExact(IReadOnlyList<string> words, IndexReader reader, MatchPlan plan)
    {
        var text = string.Join(' ', words);
        var tokens = TextAnalysis.Analyze(Schema.ForField(Schema.Exact), Schema.Exact, text);
        return FieldQueries.ForTokens(Schema.Exact, tokens, plan, text, "exact", ExactBoost);
    }

    private static Query? Build(IReadOnlyList<string> words, IndexReader reader, MatchPlan plan)
    {
        var text = string.Join(' ', words);
        float exactBoost = LooksLikeName(text) ? ExactBoost : LowerCaseExactBoost;
        var exact = FieldQueries.ForTokens(Schema.Exact, TextAnalysis.Analyze(Schema.ForField(Schema.Exact), Schema.Exact, text), plan, text, "exact", exactBoost);
        // The exact layer's term and the raw chunks are looked up in the name matcher's term-state cache, as the
        // spellings are, instead of in every segment's terms dictionary on every query.
        // As a query kept per reader that reads the term's postings once per segment: the same hits and scores as the term query.
        if (exact is TermQuery single)
            exact = Matcher.TermQueryOf(reader, Schema.Exact, single.Term.Text, single.Boost);
        if (exact is not null)
        {
            // The exact tokens lose the signs they split at (U.S., 9/11) and a possessive; the name field's raw chunks
            // keep them, and lift the spelling typed down to its punctuation above the others. A word the exact field
            // holds as typed (Tehran, al-Qaeda) has no raw chunk in the index: the exact layer is its spelling.
            var withRaw = new BooleanQuery(disableCoord: true) { { exact, Occur.MUST } };
            foreach (var word in words.SelectMany(w => w.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            {
                if (NameSequence.IsOneExactWord(word))
                    continue;
                var raw = NameMatcher.RawTerm(word);
                withRaw.Add(Matcher.TermQueryOf(reader, Schema.Name, raw, exactBoost * RawBoostFactor), Occur.SHOULD);
                plan.AddMatch(Schema.Name, raw, text, "exact");
            }
            exact = withRaw;
        }
        // Out of time for the spellings (a word's first, cold expansion on a large index): the exact layer alone.
        if (plan.SpellingsCut)
            return exact is null ? null : Matcher.Kept(reader, text, 0, false, exact);
        // A place or body whose names in the other script are listed (exonyms, translated names) takes those, not the guesses
        // of its spellings in that script.
        var translations = NameAliases.Translations.Lookup(text);
        var names = Matcher.Build(words, reader, new PlanSink(plan), plan.MaxVariantsPerWord, plan.Loosened, sameScriptOnly: translations.Count > 0);
        if (names is not null)
            names.Boost = NameBoost;
        // Aliases that are not transliterations (Quds -> Jerusalem), each searched through the variant layers; exonyms
        // (Egypt -> مصر), each matched as its own spelling only: a short name's look-alikes are not the place.
        var sink = new PlanSink(plan, "alias", text);
        var others = NameAliases.Default.Lookup(text)
            .Select(alias => (Name: alias, Query: Matcher.Build(alias.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), reader, sink, plan.MaxVariantsPerWord, plan.Loosened)))
            .Concat(translations.Select(exonym => (Name: exonym, Query: Matcher.BuildOwn(exonym, reader, sink))))
            .Where(other => other.Query is not null)
            .ToList();
        if (others.Count > 0)
        {
            var any = new BooleanQuery(disableCoord: true);
            if (names is not null)
                any.Add(names, Occur.SHOULD);
            foreach (var (name, query) in others)
            {
                query!.Boost = NameBoost * AliasWeight;
                any.Add(query, Occur.SHOULD);
                plan.AddExpansion(text, name, "alias", AliasWeight);
            }
            names = any;
        }
        Query? layers;
        if (exact is null)
            layers = names;
        else if (names is null)
            layers = exact;
        else
            layers = new BooleanQuery(disableCoord: true) { { exact, Occur.SHOULD }, { names, Occur.SHOULD } };
        // Every layer is over the name fields and this reader's term states: each segment's hits and scores are computed
        // once per reader and kept (the English layer, title and body, stays outside, as the plain query has it).
        return layers is null ? null : Matcher.Kept(reader, text, plan.MaxVariantsPerWord, plan.Loosened, layers);
    }

    /// <summary>Records the name matcher's terms and expansions in the match plan (under another layer and query word for an alias).</summary>
    private sealed class PlanSink(MatchPlan plan, string? layer = null, string? queryWord = null) : INameMatchSink
    {
        public void Match(string field, string term, string word, string matchLayer, double similarity, bool inPhrase) =>
            plan.AddMatch(field, term, queryWord ?? word, layer ?? matchLayer, similarity * (layer is null ? 1 : AliasWeight), inPhrase);

        public void Phrase(string field, IReadOnlyList<IEnumerable<string>> words, int slop) =>
            plan.AddPhrase(field, words.Select((terms, offset) => (offset, terms)), slop);

        public void Expansion(string word, string variantForm, string expansionLayer, double similarity)
        {
            if (layer is null)
                plan.AddExpansion(word, variantForm, expansionLayer, similarity);
        }
    }

    /// <summary>True when <paramref name="text"/> is, as a whole, a term of an alias or exonym group.</summary>
    internal static bool HasOtherNames(string text) => NameAliases.Default.Lookup(text).Count > 0 || NameAliases.Translations.Lookup(text).Count > 0;

    /// <summary>Weight of an alias relative to the spellings of the word itself.</summary>
    public const float AliasWeight = 0.8f;
}
