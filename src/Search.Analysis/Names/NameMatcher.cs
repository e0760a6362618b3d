using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace Search.Analysis.Names;

/// <summary>The fields the name query runs on.</summary>
/// <param name="Exact">Lossless field (case and accents kept).</param>
/// <param name="Name">Name-form field (the <see cref="Pipelines.Name"/> pipeline).</param>
/// <param name="Lexicon">Lexicon field (the <see cref="Pipelines.Lexicon"/> pipeline).</param>
internal sealed record NameFields(string Exact, string Name, string Lexicon);

/// <summary>Receives what a name query can match, for highlighting and "why it matched".</summary>
internal interface INameMatchSink
{
    /// <summary>
    /// A term of <paramref name="field"/> the query matches, through <paramref name="layer"/>; with <paramref name="inPhrase"/>,
    /// only as a word of a phrase given to <see cref="Phrase"/> (a multi-word name or alias).
    /// </summary>
    void Match(string field, string term, string queryWord, string layer, double similarity, bool inPhrase = false);

    /// <summary>A phrase of <paramref name="field"/> the query matches: each word's terms, in order, one position apart, within <paramref name="slop"/>.</summary>
    void Phrase(string field, IReadOnlyList<IEnumerable<string>> words, int slop);

    /// <summary>A spelling the query word was expanded to.</summary>
    void Expansion(string queryWord, string variantForm, string layer, double similarity);
}

/// <summary>An accepted variant of a query form (<paramref name="Arabic"/>: romanised from Arabic script).</summary>
internal readonly record struct NameVariant(string Form, double Similarity, string Layer, bool Arabic = false);

/// <summary>
/// Builds the name query of one word or one quoted name: the folded or romanised form, and the attested variants found
/// through the lexicon field (a Levenshtein automaton over the candidate key intersected with its terms, then
/// <see cref="NameSimilarity"/> accepts each candidate and sets its weight).
/// A multi-word name is a phrase over the variant sets, with a slop of one so that joined and split
/// spellings (<c>Gholam Ali</c>/<c>Gholamali</c>) line up. Expansions are cached per index reader.
/// </summary>
internal sealed class NameMatcher
{
    /// <summary>
    /// At most this many lexicon terms of one segment are scanned for one query form: a safety bound on the cost of a cold
    /// expansion, far above what the near keys of a form hold in an index of a few hundred thousand articles.
    /// </summary>
    /// <remarks>
    /// A bound that is reached makes what a name finds depend on how the index is cut into segments: a segment's scan stops
    /// at its bound, so the spellings after it are found in small segments and missed in a big one. At 20,000 (the bound
    /// until the tenth session) a third of the scans of the benchmark's 230 queries through the search box on the whole
    /// corpus in 2 segments reached it (counted with a temporary counter here: up to 119,037 terms in one segment), and
    /// the same articles in 2 or 5 segments gave different totals for 32 of the 230 queries; at this bound none differed,
    /// for 7 % more CPU in cold expansions and the same warm searches (docs/names.md, "The scan bound").
    /// </remarks>
    internal static int MaxCandidatesScanned => scanBound.Value ?? DefaultMaxCandidatesScanned;

    /// <summary>The default of <see cref="MaxCandidatesScanned"/>.</summary>
    internal const int DefaultMaxCandidatesScanned = 500_000;

    private static readonly AsyncLocal<int?> scanBound = new();

    /// <summary>Lowers <see cref="MaxCandidatesScanned"/> for the calling flow until disposed; for tests of the bound.</summary>
    internal static IDisposable ScanBound(int bound)
    {
        scanBound.Value = bound;
        return new Restore(() => scanBound.Value = null);
    }

    /// <summary>Undoes a test's setting (<see cref="ScanBound"/>, <see cref="ShareScansFrom"/>) when disposed.</summary>
    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    /// <summary>At most this many variants are kept for one query form (the most similar).</summary>
    internal const int MaxVariants = 256;

    private readonly NameSimilarity similarity;
    private readonly NameFields fields;
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<(string, bool, bool, bool, string), NameVariant[]>> cache = new();

    internal NameMatcher(NameFields fields, NameSimilarity? similarity = null)
    {
        this.fields = fields;
        this.similarity = similarity ?? NameSimilarity.Default;
    }

    /// <summary>
    /// The name layers (folded or transliterated form, article form, variants; not the exact layer) for one
    /// word or a quoted multi-word name; null when it has no name token.
    /// With <paramref name="sameScriptOnly"/>, without the spellings in the other script: the caller knows the name's names
    /// there (<see cref="NameAliases.Translations"/>: China is الصين, not شنا "swimming" or تشنه "thirsty").
    /// </summary>
    internal Query? Build(IReadOnlyList<string> words, IndexReader reader, INameMatchSink? sink, int maxVariants = MaxVariants, bool loosened = true,
        bool sameScriptOnly = false)
    {
        var text = string.Join(" ", words);
        var raw = Tokenize(text);
        // An Arabic-script function word is not in the name layers (NameSequence.IsArabicFunctionWord); the phrase's slop spans it.
        raw.RemoveAll(w => NameSequence.IsArabicFunctionWord(w.Text));
        if (raw.Count == 0)
            return null;
        var result = new BooleanQuery(disableCoord: true);
        var tokens = NameSequence.Process(raw);
        var mains = new List<NameToken>();
        var joinedAt = new Dictionary<int, NameToken>();
        var articleAt = new Dictionary<int, NameToken>();
        foreach (var t in tokens)
        {
            if (t.Kind == NameTokenKind.Raw) continue;
            if (t.Kind == NameTokenKind.Main) mains.Add(t);
            else if (t.Kind == NameTokenKind.Joined) joinedAt[mains.Count] = t;
            else if (t.Kind == NameTokenKind.Article) articleAt[mains.Count - 1] = t;
        }
        if (mains.Count == 0)
            return null;

        // Typed as a name: a capital or Arabic script. A lower-case quoted phrase ("second half march") gets
        // its words' spellings, not the further alternatives below that only names need.
        bool typedAsName = text.Any(c => char.IsUpper(c) || NameForms.IsArabicLetter(c));
        // The forms each word as typed is rewritten to (orthographies.txt), worked out once per word: they key both the
        // word's spellings and its spellings query.
        var rewrites = new Dictionary<NameToken, List<string>>();
        List<string> Rewrites(NameToken t) => rewrites.TryGetValue(t, out var r) ? r : rewrites[t] = Alternatives(t, text);
        // A word searched alone does not take the spellings that are common lower-case words (WithoutCommonWords).
        // The words of a multi-word name match only together (the phrases below): Ansar Allah does not mark Abdullah.
        // A word typed in plain lower case inside a name typed as one (the movement of "Houthi movement", the said of "Tehran
        // said") is running text, which the name layers hold only where it is capitalised: it is matched as itself, without
        // the scan for its other spellings (a lexicon scan of a hundred thousand candidates for a common word).
        var plain = mains.Select(m => typedAsName && mains.Count > 1 && !m.Arabic && m.Start >= 0 && m.End <= text.Length && m.Start < m.End &&
            NameSequence.IsPlainRunningWord(text[m.Start..m.End], ChunkAround(text, m.Start, m.End))).ToArray();
        // A word searched alone, typed in lower case, that the text writes in lower case far more often than capitalised
        // is a word of the text's language (time, said, allow), not a name: it takes no spellings in Arabic script
        // (دائم, سعيد, علاوه), which only a name's transliteration would give. Typed capitalised (Said) it is a name.
        bool sameScript = sameScriptOnly || (mains.Count == 1 && !mains[0].Arabic && !typedAsName && UseOf(reader, mains[0].Form) == WordUse.Common);
        var sets = mains.Select((m, k) => plain[k]
            ? OwnForm(m, text, sink)
            : Variants(m, reader, text, sink, maxVariants, alone: mains.Count == 1, Rewrites(m), inPhrase: mains.Count > 1, sameScript)).ToList();
        if (mains.Count == 1)
        {
            string? article = articleAt.TryGetValue(0, out var art) ? art.Form : null;
            var word = SpellingsQuery(reader, new SpellingsKey(mains[0].Form, mains[0].Arabic, JoinedKey(mains[0]), maxVariants, true, article, string.Join(" ", Rewrites(mains[0])), sameScript), () =>
            {
                var entries = Spellings(sets[0], v => v.Similarity * (v.Layer == "variant" ? 1.0 : 2.0), reader);
                // The article is optional but scored: a document that writes it too ranks higher.
                if (article is not null)
                    entries.Add((article, 0.5f, NameTermContext(reader, article)));
                return entries;
            });
            if (article is not null)
                sink?.Match(fields.Name, article, text, "folded", 1.0);
            result.Add(word, Occur.SHOULD);
        }
        else
        {
            result.Add(MultiPhrase(sets, 1, reader, sink), Occur.SHOULD);
            if (typedAsName && loosened)
            {
                AddLoosenedLater(result, mains, plain, sets, reader, text, sink, maxVariants);
                AddLoosened(result, mains, plain, sets, reader, text, sink, maxVariants);
            }
        }
        // A word joined from two (Gholam Ali -> gholamali) replaces the pair: one alternative per join,
        // and one with every join, so a name written joined in one place and split in another lines up.
        // Words typed as one name may be written as one word elsewhere (Gholam Hossein, Gholamhossein): every
        // neighbouring pair of one script is also tried joined (the index joins only short or hyphenated
        // neighbours), with the tight budget of joins: with a whole word's budget "bin Salman" reached بنسلطان.
        for (int k = 1; k < mains.Count && typedAsName; k++)
            if (!joinedAt.ContainsKey(k) && mains[k].Arabic == mains[k - 1].Arabic && !plain[k] && !plain[k - 1])
                joinedAt[k] = new NameToken(mains[k - 1].Form + mains[k].Form, mains[k].Arabic, mains[k - 1].Start, mains[k].End, 0,
                    NameTokenKind.Joined);
        var joins = joinedAt.Where(kv => kv.Key > 0 && kv.Key < mains.Count).OrderBy(kv => kv.Key).ToList();
        var alternatives = joins.Take(6).Select(j => new[] { j }).ToList();
        if (joins.Count > 1)
            alternatives.Add(joins.ToArray());
        foreach (var alternative in alternatives)
        {
            var alt = new List<NameVariant[]>(sets.Count);
            var joinedSets = new List<NameVariant[]>();
            int i = 0;
            foreach (var (index, joined) in alternative)
            {
                if (index - 1 < i)
                    continue;
                alt.AddRange(sets.Skip(i).Take(index - 1 - i));
                var joinedSet = Variants(joined, reader, text, sink: null, maxVariants, alternatives: Rewrites(joined));
                joinedSets.Add(joinedSet);
                alt.Add(joinedSet);
                i = index + 1;
            }
            alt.AddRange(sets.Skip(i));
            // A joined word that stands for the whole name matches alone; one beside other words, in their phrase.
            foreach (var joinedSet in joinedSets)
                Report(joinedSet, text, sink, inPhrase: alt.Count > 1);
            if (alt.Count == 1 && alternative.Length == 1)
            {
                // The one word is the joined one (two words joined into one).
                var joined = alternative[0].Value;
                var set = alt[0];
                result.Add(SpellingsQuery(reader, new SpellingsKey(joined.Form, joined.Arabic, JoinedKey(joined), maxVariants, false, null, string.Join(" ", Rewrites(joined))),
                    () => Spellings(set, v => v.Similarity, reader)), Occur.SHOULD);
            }
            else
                result.Add(alt.Count == 1 ? new WeightedTermsQuery(fields.Name, Spellings(alt[0], v => v.Similarity, reader), rarePostings) : MultiPhrase(alt, 1, reader, sink), Occur.SHOULD);
        }
        return result;
    }

    /// <summary>
    /// The name layers of a term of <see cref="NameAliases.Translations"/> (an exonym or translated name: <c>exonyms.txt</c>,
    /// <c>translated-names.txt</c>): its own spellings only, never its look-alikes. One word is
    /// matched by its name form, or by its article form when it is written with the article (الخليل the city, not خليل the
    /// given name); an Arabic-script word also as written with the proclitics on to it (<see cref="ArabicProclitics"/>: ومصر,
    /// بالصين) where the index holds that form. Several words: the phrase of their own forms (<see cref="Build"/> with one
    /// spelling a word). Null when the term has no name token.
    /// </summary>
    internal Query? BuildOwn(string term, IndexReader reader, INameMatchSink? sink)
    {
        var words = term.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != 1)
            return words.Length == 0 ? null : Build(words, reader, sink, maxVariants: 1, loosened: false);
        if (OwnTerm(term) is not { } own)
            return null;
        // A romanised form of plain Latin letters (هند: hnd) is a Latin word's form too (HND): the word is matched as written,
        // in the exact field.
        if (own.Arabic && own.Form.All(char.IsAsciiLetter))
        {
            var entries = new List<(string, float, TermContext?)> { (term, 2f, TermContextOf(reader, fields.Exact, term)) };
            foreach (var written in ArabicProclitics.Default.WrittenOn(term))
                if (!entries.Exists(e => e.Item1 == written) && TermContextOf(reader, fields.Exact, written) is { DocFreq: > 0 } context)
                    entries.Add((written, (float)ProcliticSimilarity, context));
            foreach (var (written, weight, _) in entries)
                sink?.Match(fields.Exact, written, term, "exact", weight / 2);
            return new WeightedTermsQuery(fields.Exact, entries, rarePostings);
        }
        var set = new List<NameVariant> { new(own.Form, 1.0, own.Arabic ? "transliterated" : "folded", own.Arabic) };
        if (own.Arabic)
            foreach (var written in ArabicProclitics.Default.WrittenOn(term))
                if (OwnTerm(written) is { } p && !set.Exists(v => v.Form == p.Form) && NameTermContext(reader, p.Form).DocFreq > 0)
                    set.Add(new NameVariant(p.Form, ProcliticSimilarity, "variant", true));
        var spellings = set.ToArray();
        Report(spellings, term, sink);
        return new WeightedTermsQuery(fields.Name, Spellings(spellings, v => v.Similarity * (v.Layer == "variant" ? 1.0 : 2.0), reader), rarePostings);
    }

    /// <summary>The similarity of an exonym written with a proclitic (ومصر) to the exonym: a sure spelling, ranked a little lower.</summary>
    internal const double ProcliticSimilarity = 0.9;

    /// <summary>The one name token of a word: its article form when it has the article, else its form; null for none or several.</summary>
    private static (string Form, bool Arabic)? OwnTerm(string word)
    {
        NameToken? main = null, article = null;
        foreach (var t in NameSequence.Process(Tokenize(word)))
        {
            if (t.Kind == NameTokenKind.Main)
            {
                if (main is not null)
                    return null;
                main = t;
            }
            else if (t.Kind == NameTokenKind.Article)
                article = t;
        }
        return (article ?? main) is { } token ? (token.Form, token.Arabic) : null;
    }

    // The whitespace-delimited chunk of text around start..end.
    private static string ChunkAround(string text, int start, int end)
    {
        while (start > 0 && !char.IsWhiteSpace(text[start - 1])) start--;
        while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        return text[start..end];
    }

    /// <summary>A word of a phrase as its own form only (told to <paramref name="sink"/> as a word of the phrase).</summary>
    private NameVariant[] OwnForm(NameToken token, string queryWord, INameMatchSink? sink)
    {
        NameVariant[] own = [new NameVariant(token.Form, 1.0, "folded", token.Arabic)];
        Report(own, queryWord, sink, inPhrase: true);
        return own;
    }

    /// <summary>
    /// What a word's <see cref="WeightedTermsQuery"/> is made of (with the reader): its token (as the expansion cache keys it, with the
    /// forms the word as typed is rewritten to: <c>Teerã</c> is not <c>Teera</c>), the cap on spellings,
    /// the weighting, the article.
    /// </summary>
    private readonly record struct SpellingsKey(string Form, bool Arabic, bool Joined, int MaxVariants, bool Main, string? Article, string Alternatives, bool SameScript = false);

    private static bool JoinedKey(NameToken token) => token.Kind == NameTokenKind.Joined && !token.Hyphenated;

    private readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<SpellingsKey, WeightedTermsQuery>> spellingsCache = new();

    /// <summary>At most this many words' spelling queries are kept per reader (cleared when full); each holds its terms and states, a few kilobytes.</summary>
    internal const int MaxCachedSpellingQueries = 2_000;

    /// <summary>
    /// The <see cref="WeightedTermsQuery"/> of one word's spellings, made once per reader (bounded as the expansions are):
    /// the spellings, their weights and term states are the same on every query of that reader, and the query keeps each
    /// segment's merged postings with it (see <see cref="WeightedTermsQuery"/>). Each query gets a clone (sharing the
    /// arrays and the merged postings): Lucene's rewrite of nested one-clause Boolean queries may set the boost of the
    /// query it returns, and the kept one must never change.
    /// </summary>
    private WeightedTermsQuery SpellingsQuery(IndexReader reader, SpellingsKey key, Func<List<(string, float, TermContext?)>> entries) =>
        (WeightedTermsQuery)KeptPerReader(spellingsCache, reader, key, _ => true, () => new WeightedTermsQuery(fields.Name, entries(), rarePostings)).Clone();

    /// <summary>
    /// The query kept in <paramref name="cache"/> for <paramref name="reader"/> and <paramref name="key"/> when
    /// <paramref name="usable"/> says it still is, else a new one from <paramref name="make"/>, kept instead; at most
    /// <see cref="MaxCachedSpellingQueries"/> per reader (cleared when full). Callers clone what they get.
    /// </summary>
    private static TQuery KeptPerReader<TKey, TQuery>(ConditionalWeakTable<IndexReader, ConcurrentDictionary<TKey, TQuery>> cache, IndexReader reader,
        TKey key, Func<TQuery, bool> usable, Func<TQuery> make) where TKey : notnull where TQuery : Query
    {
        var perReader = cache.GetValue(reader, _ => new ConcurrentDictionary<TKey, TQuery>());
        if (perReader.TryGetValue(key, out var kept) && usable(kept))
            return kept;
        kept = make();
        if (perReader.Count >= MaxCachedSpellingQueries)
            perReader.Clear();
        perReader[key] = kept;
        return kept;
    }

    private readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<(string Text, int MaxVariants, bool Loosened), KeptScoresQuery>> keptCache = new();

    /// <summary>
    /// The name layers <paramref name="built"/> of one query word or quoted name, as a <see cref="KeptScoresQuery"/> kept per
    /// reader and text (bounded as the spelling queries are), so that each segment's hits and scores are computed once: the
    /// query kept is used when it equals the one just built (the same terms, boosts and structure), replaced otherwise; a
    /// clone per query. <paramref name="built"/> must be over the name layers' fields and this reader's term states only.
    /// </summary>
    internal Query Kept(IndexReader reader, string text, int maxVariants, bool loosened, Query built) =>
        (Query)KeptPerReader(keptCache, reader, (text, maxVariants, loosened), kept => kept.Source.Equals(built), () =>
        {
            var rewritten = built;
            for (var next = rewritten.Rewrite(reader); next != rewritten; next = rewritten.Rewrite(reader))
                rewritten = next;
            return new KeptScoresQuery(built, rewritten, reader, rarePostings);
        }).Clone();

    private readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<(string Field, string Text, float Boost), WeightedTermsQuery>> termQueryCache = new();

    /// <summary>
    /// One term of a name layer (the exact spelling, a raw chunk) as a query that finds and scores what a boosted
    /// <see cref="TermQuery"/> over its cached context does (one weight, one scorer per segment: the same float), but made
    /// once per reader and reading its postings once per segment (see <see cref="WeightedTermsQuery"/>); a clone per query.
    /// </summary>
    internal Query TermQueryOf(IndexReader reader, string field, string text, float boost) =>
        (Query)KeptPerReader(termQueryCache, reader, (field, text, boost), _ => true,
            () => new WeightedTermsQuery(field, [(text, boost, TermContextOf(reader, field, text))], rarePostings)).Clone();

    /// <summary>
    /// The spellings of one word for a <see cref="WeightedTermsQuery"/> (scored as the disjunction of a term query
    /// per spelling would be), each weighted by <paramref name="weight"/>, with its cached term context.
    /// </summary>
    private List<(string, float, TermContext?)> Spellings(NameVariant[] set, Func<NameVariant, double> weight, IndexReader reader)
    {
        var entries = new List<(string, float, TermContext?)>(set.Length + 1);
        foreach (var v in set)
            entries.Add((v.Form, (float)weight(v), NameTermContext(reader, v.Form)));
        return entries;
    }

    /// <summary>At most this many words in a name get the loosened phrases (their number grows with the square).</summary>
    internal const int MaxLoosenedWords = 5;

    /// <summary>At most this many further spellings of one word in the loosened phrases (the most similar), so a long quoted name stays cheap.</summary>
    internal const int MaxLoosenedVariants = 32;

    /// <summary>
    /// A name spelled in another romanisation changes every word a little; a name with every other word identical
    /// is another person of the family (Abdul-Malik / Abd al-Khaliq al-Houthi). So one word of a multi-word
    /// name may be further from the query word than one word alone may be (<c>param phrase-word-budget-scale</c>
    /// times its budget), when another word of the same phrase is also a variant, not the query's own spelling,
    /// and both are in the query's script: one phrase for each such pair of words, scored at half weight.
    /// </summary>
    private void AddLoosened(BooleanQuery result, List<NameToken> mains, bool[] plain, List<NameVariant[]> sets, IndexReader reader, string text,
        INameMatchSink? sink, int maxVariants)
    {
        double scale = similarity.Costs.Param("phrase-word-budget-scale");
        if (scale <= 1 || mains.Count > MaxLoosenedWords)
            return;
        var loose = new NameVariant[mains.Count][];
        var drift = new NameVariant[mains.Count][];
        for (int k = 0; k < mains.Count; k++)
        {
            loose[k] = plain[k] ? [] : LooseSpellings(mains[k], sets[k], reader, scale, maxVariants);
            drift[k] = sets[k].Where(v => v.Layer == "variant" && v.Arabic == mains[k].Arabic).ToArray();
        }
        for (int k = 0; k < mains.Count; k++)
        {
            if (loose[k].Length == 0)
                continue;
            for (int j = 0; j < mains.Count; j++)
            {
                if (j == k || drift[j].Length == 0)
                    continue;
                AddHalfWeightPhrase(result, new List<NameVariant[]>(sets) { [k] = loose[k], [j] = drift[j] }, reader, sink);
            }
            Report(loose[k], text, sink, inPhrase: true);
        }
    }

    /// <summary>At most this many words in a name get a phrase with one later word further off (one phrase per word).</summary>
    internal const int MaxLoosenedLaterWords = 8;

    /// <summary>
    /// Family members share every word but the given name, which comes first; a name with its given name as typed
    /// and every other word but one as typed is that person with the one word spelled otherwise (Ali Zeaiter,
    /// Ali Zu'aytar). So each word after the first may be further from the query word than one word alone may be
    /// (<c>param phrase-later-word-budget-scale</c> times its budget), in the query's script, when the others
    /// match as for the phrase itself: one phrase per such word, scored at half weight.
    /// </summary>
    private void AddLoosenedLater(BooleanQuery result, List<NameToken> mains, bool[] plain, List<NameVariant[]> sets, IndexReader reader, string text,
        INameMatchSink? sink, int maxVariants)
    {
        double scale = similarity.Costs.Param("phrase-later-word-budget-scale");
        if (scale <= 1 || mains.Count > MaxLoosenedLaterWords)
            return;
        for (int k = 1; k < mains.Count; k++)
        {
            // Latin words only: an Arabic-script word's budget counts its letters × 1.5, so a long one scaled up
            // reaches another name altogether (ظاهرعويس ~ التكريتي). Nor a word of running text (above).
            if (mains[k].Arabic || plain[k])
                continue;
            // A budget follows the longer form, so a spelling far longer than the word, often two words run together
            // (council ~ johnkelly), would get the most room: at most one unit longer than the word.
            int maxUnits = NameSimilarity.Units(mains[k].Form, false).Length + 1;
            var loose = LooseSpellings(mains[k], sets[k], reader, scale, maxVariants, maxUnits);
            if (loose.Length == 0)
                continue;
            AddHalfWeightPhrase(result, new List<NameVariant[]>(sets) { [k] = loose }, reader, sink);
            Report(loose, text, sink, inPhrase: true);
        }
    }

    /// <summary>
    /// The spellings of a word of a name accepted at <paramref name="scale"/> times its budget that its own set
    /// (<paramref name="strictSet"/>) does not hold, in its script, at most <paramref name="maxUnits"/> units long, the
    /// most similar first (at most <see cref="MaxLoosenedVariants"/>), at half their similarity.
    /// </summary>
    private NameVariant[] LooseSpellings(NameToken main, NameVariant[] strictSet, IndexReader reader, double scale, int maxVariants,
        int maxUnits = int.MaxValue)
    {
        var strict = strictSet.Select(v => v.Form).ToHashSet(StringComparer.Ordinal);
        return Expand(main.Form, main.Arabic, reader, scale)
            .Where(v => v.Arabic == main.Arabic && !strict.Contains(v.Form) &&
                (maxUnits == int.MaxValue || NameSimilarity.Units(v.Form, v.Arabic).Length <= maxUnits))
            .Take(Math.Clamp(maxVariants, 1, MaxLoosenedVariants))
            .Select(v => v with { Similarity = v.Similarity * 0.5 })
            .ToArray();
    }

    /// <summary>A phrase over <paramref name="sets"/> (one word's set loosened) added as an alternative at half weight.</summary>
    private void AddHalfWeightPhrase(BooleanQuery result, List<NameVariant[]> sets, IndexReader reader, INameMatchSink? sink)
    {
        var phrase = MultiPhrase(sets, 1, reader, sink);
        phrase.Boost *= 0.5f;
        result.Add(phrase, Occur.SHOULD);
    }

    /// <summary>
    /// A phrase over the variant sets. BM25 weighs a MultiPhraseQuery by the sum of the idf of every term, so
    /// a word with many attested spellings would weigh many times a word with one; the boost brings the
    /// weight back to the rarest spelling of each word (the idf of a plain phrase), so a multi-word name or
    /// alias never outweighs the exact spelling because it has many variants. The phrase is a
    /// <see cref="SpellingsPhraseQuery"/> over the cached term states (the same hits and scores as the
    /// <see cref="MultiPhraseQuery"/> it stands for) unless a term comes twice. The phrase is told to <paramref name="sink"/>.
    /// </summary>
    private Query MultiPhrase(List<NameVariant[]> sets, int slop, IndexReader reader, INameMatchSink? sink)
    {
        sink?.Phrase(fields.Name, sets.Select(set => set.Select(v => v.Form)).ToList(), slop);
        double all = 0, perWord = 0;
        int maxDoc = Math.Max(reader.MaxDoc, 1);
        var words = new List<IReadOnlyList<(string, TermContext?)>>(sets.Count);
        foreach (var set in sets)
        {
            var word = new List<(string, TermContext?)>(set.Length);
            double best = 0;
            foreach (var v in set)
            {
                var context = NameTermContext(reader, v.Form);
                word.Add((v.Form, context));
                int df = context.DocFreq;
                double idf = Math.Log(1 + (maxDoc - df + 0.5) / (df + 0.5));
                all += idf;
                best = Math.Max(best, idf);
            }
            words.Add(word);
            perWord += best;
        }
        // Over the cached term states when it can (no term twice); Lucene's phrase, which finds and scores the same, otherwise.
        Query q;
        if (slop >= 1 && SpellingsPhraseQuery.Takes(sets.Select(s => s.Select(v => v.Form))))
            q = new SpellingsPhraseQuery(fields.Name, words, slop, rarePostings);
        else
        {
            var phrase = new MultiPhraseQuery { Slop = slop };
            foreach (var set in sets)
                phrase.Add(set.Select(v => new Term(fields.Name, v.Form)).ToArray());
            q = phrase;
        }
        if (all > 0)
            q.Boost = (float)(perWord / all);
        return q;
    }

    /// <summary>
    /// At most this many query words' expansions are remembered per index segment and per reader (each cache is
    /// cleared when full), so a stream of distinct words cannot grow them without end on a long-lived reader.
    /// </summary>
    internal const int MaxCachedWords = 20_000;

    /// <summary>At most this many name-field terms are remembered per index segment and per reader (each cache is cleared when full).</summary>
    internal const int MaxCachedTermsPerSegment = 100_000;

    private readonly ConditionalWeakTable<object, ConcurrentDictionary<(string Field, string Text), SegmentTerm?>> termCache = new();

    /// <summary>The postings of rare name-field terms, kept with the term states of <see cref="termCache"/>.</summary>
    private readonly RarePostings rarePostings = new();

    /// <summary>A name-field term in one segment: where its postings are, and its frequencies.</summary>
    private sealed record SegmentTerm(TermState State, int DocFreq, long TotalTermFreq);

    /// <summary>
    /// The name-field term of <paramref name="form"/> in every segment of <paramref name="reader"/>, as Lucene's
    /// <see cref="TermContext.Build"/> finds it, but from a cache per segment core: a word expands to a hundred
    /// spellings or more, and seeking each one in the terms dictionary of every segment, on every query, was most of
    /// the query's time. A <see cref="TermQuery"/> given this context does not seek again; its document frequency is
    /// the sum of the segments', exactly as <see cref="IndexReader.DocFreq"/> counts it. Segment cores never change,
    /// so the cache follows refreshes and merges (a new segment is looked up the first time it is searched).
    /// </summary>
    internal TermContext NameTermContext(IndexReader reader, string form) => TermContextOf(reader, fields.Name, form);

    /// <summary>
    /// <see cref="NameTermContext"/> for a term of any field: the name layers' (the exact spelling in <c>exact</c>, the
    /// raw chunk in <c>name</c>) and the plain term queries of every plan (the English words in <c>title</c> and
    /// <c>body</c>).
    /// </summary>
    internal TermContext TermContextOf(IndexReader reader, string field, string text)
    {
        // The contexts of one reader are kept with it too (a searcher's reader lives until the next refresh), so a
        // warm query does one lookup per spelling instead of one per spelling and segment.
        var perReader = readerTermCache.GetValue(reader, _ => new ConcurrentDictionary<(string, string), TermContext>());
        if (perReader.TryGetValue((field, text), out var cached))
            return cached;
        var built = BuildTermContext(reader, field, text);
        if (perReader.Count >= MaxCachedTermsPerSegment)
            perReader.Clear();
        perReader[(field, text)] = built;
        return built;
    }

    private readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<(string Field, string Text), TermContext>> readerTermCache = new();

    private TermContext BuildTermContext(IndexReader reader, string field, string text)
    {
        var context = new TermContext(reader.Context);
        BytesRef? bytes = null;
        foreach (var leaf in reader.Leaves)
        {
            var segment = leaf.AtomicReader;
            var perSegment = termCache.GetValue(segment.CoreCacheKey ?? segment, _ => new ConcurrentDictionary<(string, string), SegmentTerm?>());
            if (!perSegment.TryGetValue((field, text), out var found))
            {
                found = Seek(segment, field, bytes ??= new BytesRef(text));
                if (perSegment.Count >= MaxCachedTermsPerSegment)
                    perSegment.Clear();
                perSegment[(field, text)] = found;
            }
            if (found is not null)
                context.Register(found.State, leaf.Ord, found.DocFreq, found.TotalTermFreq);
        }
        return context;
    }

    private static SegmentTerm? Seek(AtomicReader segment, string field, BytesRef bytes)
    {
        var terms = segment.GetTerms(field);
        if (terms is null)
            return null;
        var te = terms.GetEnumerator();
        if (!te.SeekExact(bytes))
            return null;
        return new SegmentTerm(te.GetTermState(), te.DocFreq, te.TotalTermFreq);
    }

    /// <summary>
    /// The query form itself (folded or transliterated) and its accepted variants; for a word searched <paramref name="alone"/>,
    /// without the common words (<see cref="WithoutCommonWords"/>); <paramref name="sameScriptOnly"/>: without the spellings
    /// in the other script (a common word typed in lower case; a name whose names in the other script are known). The
    /// spellings are kept per reader.
    /// </summary>
    internal NameVariant[] Variants(NameToken token, IndexReader reader, string queryWord, INameMatchSink? sink, int maxVariants = MaxVariants,
        bool alone = false, List<string>? alternatives = null, bool inPhrase = false, bool sameScriptOnly = false)
    {
        var perReader = cache.GetValue(reader.CoreCacheKey ?? reader, _ => new ConcurrentDictionary<(string, bool, bool, bool, string), NameVariant[]>());
        if (perReader.Count >= MaxCachedWords)
            perReader.Clear();
        // The word as typed may be in another orthography that its folded form no longer shows (Teerã, Pei-p'ing).
        alternatives ??= Alternatives(token, queryWord);
        var variants = perReader.GetOrAdd((token.Form, token.Arabic, token.Kind == NameTokenKind.Joined && !token.Hyphenated, alone, string.Join(" ", alternatives)), key =>
        {
            var expanded = ExpandWithPlural(key.Item1, key.Item2, key.Item3, reader, alternatives);
            return key.Item4 ? WithoutCommonWords(expanded, reader) : expanded;
        });
        if (sameScriptOnly)
            variants = InScript(variants, token.Arabic);
        // The most similar first (the form itself leads), so a smaller cap keeps the best spellings.
        if (variants.Length > Math.Max(1, maxVariants))
            variants = variants[..Math.Max(1, maxVariants)];
        Report(variants, queryWord, sink, inPhrase);
        return variants;
    }

    private static NameVariant[] InScript(NameVariant[] variants, bool arabic) =>
        Array.FindAll(variants, v => v.Arabic == arabic || v.Layer != "variant");

    /// <summary>The forms a Latin <paramref name="token"/> of <paramref name="text"/> is rewritten to by the orthographies (<c>orthographies.txt</c>), from its letters as typed and from its form.</summary>
    private List<string> Alternatives(NameToken token, string text) =>
        token.Arabic ? [] : orthographies.Alternatives(Written(token, text), token.Form);

    /// <summary>
    /// The letters of <paramref name="token"/> as typed in <paramref name="text"/> (a hyphenated word whole), when they fold
    /// to its form (not an article written on to it, <c>al-Quds</c>); else its form.
    /// </summary>
    private static string Written(NameToken token, string text)
    {
        if (token.Start < 0 || token.End > text.Length || token.Start >= token.End)
            return token.Form;
        var written = text[token.Start..token.End];
        return NameForms.IsWellFormed(written) && NameForms.FoldLatin(written) == token.Form ? written : token.Form;
    }

    /// <summary>Tells <paramref name="sink"/> which spellings <paramref name="queryWord"/> is matched through, and which of them are further spellings (the variant layer).</summary>
    private void Report(NameVariant[] variants, string queryWord, INameMatchSink? sink, bool inPhrase = false)
    {
        if (sink == null)
            return;
        foreach (var v in variants)
        {
            sink.Match(fields.Name, v.Form, queryWord, v.Layer, v.Similarity, inPhrase);
            if (v.Layer == "variant")
                sink.Expansion(queryWord, v.Form, v.Layer, v.Similarity);
        }
    }

    /// <summary>
    /// <paramref name="variants"/> without the Latin spellings that are common words: written in lower case in at least
    /// <c>param common-word-min-docs</c> documents of the exact field and in <c>param common-word-ratio</c> times as many as
    /// capitalised or in capitals; and without the acronyms (<see cref="UseOf"/>). The name layers hold a plain word only where it is capitalised (a headline, the start
    /// of a sentence), so without this <c>Oman</c> took <c>Woman</c> and <c>Houthis</c> <c>Houses</c> on a news index.
    /// The query's own form is kept whatever it is.
    /// </summary>
    internal NameVariant[] WithoutCommonWords(NameVariant[] variants, IndexReader reader)
    {
        List<NameVariant>? kept = null;
        for (int i = 0; i < variants.Length; i++)
        {
            var v = variants[i];
            bool common = v.Layer == "variant" && !v.Arabic && UseOf(reader, v.Form) != WordUse.Name;
            if (common && kept == null)
                kept = new List<NameVariant>(variants.AsSpan(0, i).ToArray());
            else if (!common)
                kept?.Add(v);
        }
        return kept?.ToArray() ?? variants;
    }

    private enum WordUse { Name, Common, Acronym }

    /// <summary>
    /// How the exact field writes a plain lower-case ASCII form: <see cref="WordUse.Common"/> when it has three letters or
    /// more and is in lower case in at least <c>param common-word-min-docs</c> documents and <c>param common-word-ratio</c>
    /// times as many as capitalised or in capitals; <see cref="WordUse.Acronym"/> when it has at most
    /// <c>param acronym-max-letters</c> letters and is in capitals in at least <c>param acronym-min-docs</c> documents and
    /// that ratio times as many as capitalised or in lower case; else <see cref="WordUse.Name"/>. Each spelling of the
    /// word is looked up once, and a long form with few lower-case documents only once.
    /// </summary>
    private WordUse UseOf(IndexReader reader, string form)
    {
        if (form.Length < 2)
            return WordUse.Name;
        foreach (var c in form)
            if (c is < 'a' or > 'z')
                return WordUse.Name;
        var costs = similarity.Costs;
        long lower = reader.DocFreq(new Term(fields.Exact, form));
        bool mayBeCommon = form.Length >= 3 && lower >= costs.Param("common-word-min-docs");
        bool mayBeAcronym = form.Length <= costs.Param("acronym-max-letters");
        if (!mayBeCommon && !mayBeAcronym)
            return WordUse.Name;
        long capitalised = reader.DocFreq(new Term(fields.Exact, char.ToUpperInvariant(form[0]) + form[1..]));
        long capitals = reader.DocFreq(new Term(fields.Exact, form.ToUpperInvariant()));
        double ratio = costs.Param("common-word-ratio");
        if (mayBeCommon && lower >= ratio * (capitalised + capitals))
            return WordUse.Common;
        if (mayBeAcronym && capitals >= costs.Param("acronym-min-docs") && capitals >= ratio * (capitalised + lower))
            return WordUse.Acronym;
        return WordUse.Name;
    }

    /// <summary>
    /// <see cref="Expand"/>, and for a Latin word of six letters or more ending in a plural -s (Houthis),
    /// also the variants of its singular, slightly less similar.
    /// </summary>
    private NameVariant[] ExpandWithPlural(string form, bool arabic, bool joined, IndexReader reader, List<string>? alternatives = null)
    {
        var variants = Expand(form, arabic, reader, joined ? JoinedBudgetScale : 1.0, alternatives);
        if (arabic || joined || form.Length < 6 || form[^1] != 's' || form[^2] == 's')
            return variants;
        var singular = Expand(form[..^1], false, reader, 1.0);
        var merged = variants.ToDictionary(v => v.Form, StringComparer.Ordinal);
        foreach (var v in singular)
        {
            var scaled = v with { Similarity = v.Similarity * 0.9, Layer = "variant" };
            if (!merged.TryGetValue(v.Form, out var old) || old.Similarity < scaled.Similarity)
                merged[v.Form] = scaled;
        }
        return merged.Values.OrderByDescending(v => v.Similarity).ToArray();
    }

    /// <summary>A word joined from two is matched with a tighter budget (joins must be near-identical).</summary>
    internal const double JoinedBudgetScale = 0.5;

    /// <summary>
    /// Finds the attested forms that are spellings of <paramref name="form"/>: the union over the index's
    /// segments, each segment's answer cached on the segment core, so a near-real-time refresh only scores
    /// the terms of the new segments.
    /// </summary>
    internal NameVariant[] Expand(string form, bool arabic, IndexReader reader, double budgetScale = 1.0, List<string>? alternatives = null)
    {
        var own = new NameVariant(form, 1.0, arabic ? "transliterated" : "folded", arabic);
        var units = UnitForm.Of(form, arabic);
        var key = NameKeys.Key(units.Units(), arabic);
        if (key.Length == 0)
            return [own];
        // A form attested in both scripts keeps the script of its best similarity.
        var best = new Dictionary<string, (bool Arabic, double Similarity)>(StringComparer.Ordinal);
        Collect(form, arabic, units, key, reader, budgetScale, best, 1.0);
        // A Latin word written in another language's orthography (Damaszkusz, Guanczou) is also read as its rewritten
        // forms (damaskus, guanchou), whose spellings are the word's too, a little less similar.
        if (!arabic)
        {
            foreach (var alt in alternatives ?? orthographies.Alternatives(form.AsSpan()))
            {
                var altUnits = UnitForm.Of(alt, false);
                var altKey = NameKeys.Key(altUnits.Units(), false);
                if (altKey.Length == 0)
                    continue;
                Collect(alt, false, altUnits, altKey, reader, budgetScale, best, orthographyFactor, orthographyCrossMin);
                // The rewritten form itself, when the index holds it (Moskwa -> moskva).
                if (reader.DocFreq(new Term(fields.Name, alt)) > 0 && (!best.TryGetValue(alt, out var old) || old.Similarity < orthographyFactor))
                    best[alt] = (false, orthographyFactor);
            }
            best.Remove(form);
        }
        var result = new List<NameVariant>(best.Count + 1) { own };
        result.AddRange(best.OrderByDescending(kv => kv.Value.Similarity).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(MaxVariants)
            .Select(kv => new NameVariant(kv.Key, kv.Value.Similarity, "variant", kv.Value.Arabic)));
        return result.ToArray();
    }

    /// <summary>The orthographies of other languages a Latin word may be written in (<c>orthographies.txt</c>).</summary>
    private readonly NameOrthographies orthographies = NameOrthographies.Default;

    /// <summary>A spelling found through a rewritten form (of the query word or of the candidate) counts this much of its similarity.</summary>
    private double orthographyFactor => similarity.Costs.Param("orthography-factor");

    /// <summary>
    /// A spelling in the other script found through a rewritten form needs at least this similarity to it: a rewritten
    /// word is a guess, and across scripts short words meet many others (Bangkok read as bankok met بانك, bank).
    /// </summary>
    private double orthographyCrossMin => similarity.Costs.Param("orthography-cross-min");

    /// <summary>
    /// Adds to <paramref name="best"/> the attested spellings of <paramref name="form"/> in every segment, their similarity times
    /// <paramref name="factor"/>; those in Arabic script only from a similarity of <paramref name="crossMin"/>.
    /// </summary>
    private void Collect(string form, bool arabic, UnitForm units, string key, IndexReader reader, double budgetScale,
        Dictionary<string, (bool Arabic, double Similarity)> best, double factor, double crossMin = 0)
    {
        var leaves = reader.Leaves;
        var found = new Candidate[leaves.Count][];
        var missing = new List<int>();
        for (int i = 0; i < leaves.Count; i++)
            if (!PerSegment(leaves[i].AtomicReader).TryGetValue((form, arabic, budgetScale), out found[i]!))
                missing.Add(i);
        if (missing.Count > 0)
        {
            bool memo = SegmentsShareLexiconTerms(reader);
            if (!memo && missing.Count > 1 && SliceHelpers.AllowedThreads > 1 && WorthSharing(leaves, missing))
            {
                // The largest lexicons first: each thread takes the next segment when it is done with one.
                missing.Sort((x, y) => LexiconSize(leaves[y]).CompareTo(LexiconSize(leaves[x])));
                Interlocked.Increment(ref sharedScans);
                SliceHelpers.Shared.RunTogether(missing.Count,
                    k => found[missing[k]] = ExpandIn(leaves[missing[k]].AtomicReader, form, arabic, units, key, budgetScale, null),
                    SliceHelpers.AllowedThreads);
            }
            else
            {
                ScoredTerms? scored = memo ? ScoredTerms.Rent() : null;
                try
                {
                    foreach (int i in missing)
                        found[i] = ExpandIn(leaves[i].AtomicReader, form, arabic, units, key, budgetScale, scored);
                }
                finally
                {
                    if (scored is not null)
                        ScoredTerms.Return(scored);
                }
            }
        }
        foreach (var candidates in found)
            foreach (var c in candidates)
            {
                if (crossMin > 0 && c.Arabic && c.Similarity < crossMin)
                    continue;
                double sim = c.Similarity * factor;
                if (!best.TryGetValue(c.Form, out var old) || old.Similarity < sim)
                    best[c.Form] = (c.Arabic, sim);
            }
    }

    /// <summary>The expansions kept for <paramref name="segment"/> (on its core: a refresh keeps those of the segments it keeps).</summary>
    private ConcurrentDictionary<(string, bool, double), Candidate[]> PerSegment(AtomicReader segment)
    {
        var perSegment = segmentCache.GetValue(segment.CoreCacheKey ?? segment, _ => new ConcurrentDictionary<(string, bool, double), Candidate[]>());
        if (perSegment.Count >= MaxCachedWords)
            perSegment.Clear();
        return perSegment;
    }

    /// <summary>The candidates of one segment, kept on its core (a scan cut short by the time budget throws and keeps nothing).</summary>
    private Candidate[] ExpandIn(AtomicReader segment, string form, bool arabic, UnitForm units, string key, double budgetScale, ScoredTerms? scored) =>
        PerSegment(segment).GetOrAdd((form, arabic, budgetScale), _ => ExpandIn(segment.GetTerms(fields.Lexicon), form, arabic, units, key, budgetScale, scored));

    /// <summary>
    /// A cold expansion scans the segments on the threads the search may use (<see cref="SliceHelpers.AllowedThreads"/>) when at
    /// least two segments to scan hold this many lexicon terms: a smaller one takes less than handing it over costs.
    /// </summary>
    internal static long MinSharedLexiconTerms => sharedFrom.Value ?? DefaultMinSharedLexiconTerms;

    /// <summary>The default of <see cref="MinSharedLexiconTerms"/>.</summary>
    internal const long DefaultMinSharedLexiconTerms = 10_000;

    private static readonly AsyncLocal<long?> sharedFrom = new();

    /// <summary>Sets <see cref="MinSharedLexiconTerms"/> for the calling flow until disposed; for tests on small indexes.</summary>
    internal static IDisposable ShareScansFrom(long terms)
    {
        sharedFrom.Value = terms;
        return new Restore(() => sharedFrom.Value = null);
    }

    /// <summary>Expansions whose segments were scanned on several threads since the process started; for tests.</summary>
    internal static long SharedScans => Interlocked.Read(ref sharedScans);

    private static long sharedScans;

    private bool WorthSharing(IList<AtomicReaderContext> leaves, List<int> missing) =>
        missing.Count(i => LexiconSize(leaves[i]) >= MinSharedLexiconTerms) >= 2;

    private long LexiconSize(AtomicReaderContext leaf) => leaf.AtomicReader.GetTerms(fields.Lexicon)?.Count ?? 0;

    /// <summary>
    /// Whether the segments of <paramref name="reader"/> may hold the same lexicon terms, so an expansion should remember the
    /// terms it scored (<see cref="ScoredTerms"/>). A writer writes each term once (<c>LexiconDocuments</c>), so the segments
    /// of an index built in one go share none, and remembering the tens of thousands of terms of a cold expansion cost a
    /// sixth of its time for nothing; an index added to by several writers shares many. Tried once per reader on a sample:
    /// the first <see cref="SharingSample"/> lexicon terms of each of the <see cref="SharingSegments"/> largest segments but
    /// the largest, looked up in the largest. Either answer gives the same spellings; a wrong one only costs time.
    /// </summary>
    internal bool SegmentsShareLexiconTerms(IndexReader reader)
    {
        if (reader.Leaves.Count < 2)
            return false;
        return (bool)sharing.GetValue(reader.CoreCacheKey ?? reader, _ =>
        {
            var lexicons = reader.Leaves.Select(l => l.AtomicReader.GetTerms(fields.Lexicon)).OfType<Terms>()
                .OrderByDescending(t => t.Count).ToList();
            if (lexicons.Count < 2)
                return false;
            var largest = lexicons[0].GetEnumerator();
            foreach (var other in lexicons.Skip(1).Take(SharingSegments))
            {
                var te = other.GetEnumerator();
                for (int n = 0; n < SharingSample && te.MoveNext(); n++)
                    if (largest.SeekExact(te.Term))
                        return true;
            }
            return false;
        });
    }

    /// <summary>How many lexicon terms of a segment <see cref="SegmentsShareLexiconTerms"/> looks up in the largest.</summary>
    internal const int SharingSample = 256;

    /// <summary>How many segments besides the largest <see cref="SegmentsShareLexiconTerms"/> samples.</summary>
    internal const int SharingSegments = 4;

    private readonly ConditionalWeakTable<object, object> sharing = new();

    /// <summary>The candidate scan checks the time budget every this many lexicon terms (a power of two).</summary>
    private const int BudgetCheckInterval = 256;

    /// <summary>An attested form a query form may be, as one segment's lexicon gives it.</summary>
    private readonly record struct Candidate(string Form, bool Arabic, double Similarity);

    private readonly ConditionalWeakTable<object, ConcurrentDictionary<(string, bool, double), Candidate[]>> segmentCache = new();

    private Candidate[] ExpandIn(Terms? terms, string form, bool arabic, UnitForm units, string key, double budgetScale, ScoredTerms? scored)
    {
        if (terms == null)
            return [];
        // A cold expansion is most of a name query's planning: it keeps to the search's time budget too. The budget
        // throws out of the per-segment and per-reader caches' factories, so an expansion cut short is never kept.
        SearchBudget.Check();
        var best = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        // The lexicon terms whose key is within a small edit distance of the query's (a Levenshtein automaton
        // over the key, then the separator and anything), enumerated by intersecting the terms dictionary: the
        // work follows the number of near keys, not the size of the lexicon, and a first consonant that
        // spellings write differently (Sharjah/Sarja) is one edit like any other.
        // Each term is read into one reused buffer and looked at there: a string is made only for an accepted form
        // (a few dozen of the tens of thousands of candidates).
        var chars = new CharsRef(64);
        var cu = UnitForm.Scratch();
        int maxEdits = NameKeys.MaxKeyEdits(key.Length);
        if (Scan(KeyAutomaton(key, maxEdits)))
        {
            // The scan stopped at its bound. The automaton gives terms in term order, so the bound cut by the key's
            // place in the alphabet, not by its distance: a short key's near keys can hold more terms than the bound in a
            // large segment, and the cut fell on the query's own key (Tehran's تهران in a whole-corpus index). The
            // nearer keys are scanned again on their own, nearest first, each within the bound.
            for (int edits = 0; edits < maxEdits; edits++)
                Scan(KeyAutomaton(key, edits));
        }
        return best.Values.ToArray();

        // Scores the lexicon terms the automaton accepts, at most MaxCandidatesScanned of them; true when it stopped there.
        bool Scan(CompiledAutomaton automaton)
        {
            var te = automaton.GetTermsEnum(terms);
            int scanned = 0, bound = MaxCandidatesScanned;
            while (te.MoveNext())
            {
                if (++scanned > bound)
                    return true;
                if ((scanned & (BudgetCheckInterval - 1)) == 0)
                    SearchBudget.Check();
                var bytes = te.Term;
                UnicodeUtil.UTF8toUTF16(bytes.Bytes, bytes.Offset, bytes.Length, chars);
                var s = chars.Chars.AsSpan(chars.Offset, chars.Length);
                if (!NameKeys.TryParseLexiconTerm(s, out int keyLength, out var candidate, out bool candidateArabic) || !KeyLengthsFit(key.Length, keyLength))
                    continue;
                // A word as another orthography reads it (teeran>teera, for Teerã): the rewritten form is scored, the word
                // the name field holds is accepted.
                var target = candidate;
                int mark = candidateArabic ? -1 : candidate.IndexOf(NameKeys.RewriteMark);
                if (mark >= 0)
                {
                    target = candidate[(mark + 1)..];
                    candidate = candidate[..mark];
                }
                if (target.SequenceEqual(form))
                    continue;
                // A lexicon term scored in another segment is not scored again (segments written by different writers share
                // words).
                double unshared = 0;
                bool known = false;
                ref double sim = ref scored is null ? ref unshared : ref scored.Slot(s, out known);
                if (!known)
                {
                    cu.Set(candidate, candidateArabic);
                    sim = UnitLengthsFit(units.Length, cu.Length, arabic == candidateArabic)
                        ? similarity.Similarity(units, cu, budgetScale)
                        : -1;
                    if (mark >= 0)
                        sim = sim > 0 && (!arabic || sim >= orthographyCrossMin) ? sim * orthographyFactor : -1;
                    // A candidate written in another language's orthography is also scored as its rewritten forms.
                    else if (sim <= 0 && !candidateArabic && orthographies.MayRewrite(candidate))
                    {
                        foreach (var alt in orthographies.Alternatives(candidate))
                        {
                            cu.Set(alt, false);
                            if (!UnitLengthsFit(units.Length, cu.Length, arabic == candidateArabic))
                                continue;
                            double altSim = similarity.Similarity(units, cu, budgetScale);
                            if (altSim > 0 && (!arabic || altSim >= orthographyCrossMin))
                                sim = Math.Max(sim, altSim * orthographyFactor);
                        }
                    }
                }
                if (sim > 0)
                {
                    var accepted = new string(target);
                    if (!best.TryGetValue(accepted, out var old) || old.Similarity < sim)
                        best[accepted] = new Candidate(accepted, candidateArabic, sim);
                }
            }
            return false;
        }
    }

    // Keys are short strings over a dozen classes: a few thousand cover most queries. The cache is bounded
    // (cleared when full) so a stream of new names cannot grow it without end.
    private static readonly ConcurrentDictionary<(string Key, int Edits), CompiledAutomaton> KeyAutomata = new();
    private const int MaxKeyAutomata = 20_000;

    /// <summary>The automaton of the lexicon terms whose key is at most <paramref name="edits"/> edits from <paramref name="key"/>.</summary>
    private static CompiledAutomaton KeyAutomaton(string key, int edits)
    {
        if (KeyAutomata.TryGetValue((key, edits), out var compiled))
            return compiled;
        if (KeyAutomata.Count >= MaxKeyAutomata)
            KeyAutomata.Clear();
        return KeyAutomata.GetOrAdd((key, edits), BuildKeyAutomaton);
    }

    private static CompiledAutomaton BuildKeyAutomaton((string Key, int Edits) near)
    {
        // The form after the separator never holds a control character; a range automaton and no
        // simplification keep the compilation near 1.5 ms a key (the "any string" form took 10-14 ms).
        var keys = new LevenshteinAutomata(near.Key, withTranspositions: true).ToAutomaton(near.Edits);
        var form = BasicAutomata.MakeCharRange(NameKeys.Separator + 1, 0x10FFFF).Repeat();
        var lexiconTerm = BasicOperations.Concatenate(keys, BasicOperations.Concatenate(BasicAutomata.MakeChar(NameKeys.Separator), form));
        return new CompiledAutomaton(lexiconTerm, finite: false, simplify: false);
    }

    /// <summary>The candidate stage's filter on key lengths: a one-class key only meets short keys, others within two classes.</summary>
    internal static bool KeyLengthsFit(int keyLength, int candidateKeyLength) =>
        !(keyLength == 1 && candidateKeyLength > 2) && Math.Abs(candidateKeyLength - keyLength) <= 2;

    /// <summary>The candidate stage's filter on lengths in units, within one script.</summary>
    internal static bool UnitLengthsFit(int units, int candidateUnits, bool sameScript) =>
        !sameScript || Math.Abs(candidateUnits - units) <= Math.Max(3, units / 2);

    /// <summary>
    /// True when the candidate stage would score a candidate form for a query form: its key is within
    /// <see cref="NameKeys.MaxKeyEdits"/> edits of the query's and the lengths fit (the same test as the lexicon scan).
    /// </summary>
    internal static bool IsCandidate(string queryKey, string[] queryUnits, bool queryArabic, string candidateKey, string[] candidateUnits, bool candidateArabic) =>
        queryKey.Length > 0 && candidateKey.Length > 0 &&
        NameKeys.KeyDistance(queryKey, candidateKey) <= NameKeys.MaxKeyEdits(queryKey.Length) &&
        KeyLengthsFit(queryKey.Length, candidateKey.Length) &&
        UnitLengthsFit(queryUnits.Length, candidateUnits.Length, queryArabic == candidateArabic);

    /// <summary>
    /// True when the name layers leave a word of <paramref name="text"/> out altogether: a generic word of organisation names
    /// (<c>Bank</c> of <c>Bank of England</c>, <c>Ltd</c>; <c>generic-words.txt</c>), which the name field does not hold. An
    /// article or particle is not left out (it is a token of its own, optional), nor an Arabic-script function word (the
    /// phrase's slop spans it).
    /// </summary>
    internal static bool LeavesOutWords(string text)
    {
        var raw = Tokenize(text);
        raw.RemoveAll(w => NameSequence.IsArabicFunctionWord(w.Text));
        var tokens = NameSequence.Process(raw);
        return raw.Exists(w => !tokens.Exists(t => t.Kind != NameTokenKind.Raw && t.Start < w.End && t.End > w.Start));
    }

    /// <summary>The raw-chunk term of a word typed in the search box (<c>=Tel-Aviv</c>).</summary>
    internal static string RawTerm(string word) => NameSequence.RawPrefix + word.Trim();

    /// <summary>The words of a text as the index tokenizer splits them.</summary>
    internal static List<RawWord> Tokenize(string text)
    {
        var words = new List<RawWord>();
        using var tokenizer = new StandardTokenizer(EnglishChain.Version, new StringReader(text));
        var term = tokenizer.AddAttribute<ICharTermAttribute>();
        var offset = tokenizer.AddAttribute<IOffsetAttribute>();
        tokenizer.Reset();
        while (tokenizer.IncrementToken())
        {
            // The whitespace-delimited chunk of the word, as the index tokenizer gives it (hyphenated words).
            int start = offset.StartOffset, end = offset.EndOffset;
            int cs = start, ce = end;
            while (cs > 0 && !char.IsWhiteSpace(text[cs - 1])) cs--;
            while (ce < text.Length && !char.IsWhiteSpace(text[ce])) ce++;
            words.Add(new RawWord(term.ToString(), start, end, text[cs..ce], cs));
        }
        tokenizer.End();
        return words;
    }
}
