using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Search.Analysis.Names;
using Search.Indexing;

namespace Search.Querying;

/// <summary>A query ready to run, and the plan of what it can match.</summary>
internal sealed record PlannedQuery(Query Query, MatchPlan Plan);

/// <summary>
/// Turns the text of a <see cref="SearchRequest"/> into a Lucene query over the schema's fields, for both
/// grammars. Every query word goes through the same analyzers as the index (see <see cref="Schema"/>).
/// </summary>
internal sealed class QueryPlanner
{
    /// <summary>Weight of the title against the body.</summary>
    public const float TitleBoost = 2f;

    private readonly NameQueryBuilder names = new();
    private readonly int maxClauses;

    public QueryPlanner(int maxClauses) => this.maxClauses = maxClauses;

    public PlannedQuery Plan(SearchRequest request, IndexReader reader)
    {
        // The spellings a name expands to are the engine's doing, not the user's: when they would exceed the
        // clause limit, the query is planned again without the loosened phrases of multi-word names, then with
        // fewer spellings (the most similar kept), before giving up.
        // Finding a name's spellings keeps to the time budget set on this thread (SearchBudget): when it runs out, the
        // query is planned again with each name word's own spelling only (MatchPlan.SpellingsCut).
        bool loosened = true, cut = false;
        for (int variants = NameMatcher.MaxVariants; ;)
        {
            var plan = new MatchPlan { MaxVariantsPerWord = variants, Loosened = loosened, SpellingsCut = cut };
            Query query;
            try
            {
                query = request.Syntax == QuerySyntax.Lucene
                    ? PlanStrict(request.Query, reader, plan)
                    : PlanLenient(request.Query, request.ExactSpelling, reader, plan);
            }
            catch (SearchBudget.ExceededException) when (!cut)
            {
                cut = true;
                continue;
            }
            if (CountClauses(query) <= maxClauses)
                return new PlannedQuery(TermStates.Attach(WordQuery.Specialize(query), reader), plan);
            if (loosened)
                loosened = false;
            else if (variants <= MinVariantsPerWord)
                throw new QueryException($"The query expands to more than {maxClauses} clauses; use fewer words, wildcards or variants.");
            else
                variants = Math.Max(MinVariantsPerWord, variants / 4);
        }
    }

    /// <summary>The fewest spellings per name word the planner falls back to before refusing a query: the word's own form.</summary>
    internal const int MinVariantsPerWord = 1;

    private Query PlanLenient(string text, bool exactSpelling, IndexReader reader, MatchPlan plan)
    {
        var clauses = LenientQueryParser.Parse(text, exactSpelling);
        var top = new BooleanQuery();
        bool anyPositive = false;
        BooleanQuery? orGroup = null;
        for (int i = 0; i < clauses.Count; i++)
        {
            var clause = clauses[i];
            Query? query;
            bool required;
            if (NamedRun(clauses, i) is int end)
            {
                // Words typed without quotes that are, together, a name with other names (Islamic State: Daesh; Saudi Arabia:
                // السعودية): each word as always, or the other names of the whole.
                (query, required) = PlanRun(clauses, i, end, reader, plan);
                clause = clauses[end - 1];
                i = end - 1;
            }
            else
                (query, required) = PlanClause(clause, reader, plan);
            if (query is null)
                continue;
            if (clause.Excluded)
            {
                top.Add(query, Occur.MUST_NOT);
                continue;
            }
            if (clause.OrWithNext || orGroup is not null)
            {
                orGroup ??= new BooleanQuery();
                orGroup.Add(query, Occur.SHOULD);
                if (clause.OrWithNext)
                    continue;
                query = orGroup;
                orGroup = null;
                required = true;
            }
            top.Add(query, required ? Occur.MUST : Occur.SHOULD);
            anyPositive = true;
        }
        if (orGroup is not null)
        {
            top.Add(orGroup, Occur.MUST);
            anyPositive = true;
        }
        if (!anyPositive)
            top.Add(LexiconDocuments.ContentOnly(), Occur.MUST);
        return top.Clauses.Count == 1 && top.Clauses[0].Occur != Occur.MUST_NOT ? top.Clauses[0].Query : top;
    }

    /// <summary>The most words typed without quotes that are looked up together as one name with other names.</summary>
    internal const int MaxNamedRunWords = 6;

    /// <summary>
    /// The end (exclusive) of the longest run of two or more plain words from <paramref name="start"/> (each typed alone:
    /// not quoted, excluded, exact, a prefix or in an OR) that is, as a whole, a term of an alias or exonym group; else null.
    /// </summary>
    private static int? NamedRun(IReadOnlyList<LenientClause> clauses, int start)
    {
        static bool Plain(LenientClause c) => !c.Quoted && !c.Excluded && !c.Exact && !c.Prefix && !c.OrWithNext && c.Words.Count == 1;
        if (start > 0 && clauses[start - 1].OrWithNext)
            return null;
        int end = start;
        while (end < clauses.Count && end - start < MaxNamedRunWords && Plain(clauses[end]))
            end++;
        for (; end - start >= 2; end--)
            if (NameQueryBuilder.HasOtherNames(string.Join(' ', clauses.Skip(start).Take(end - start).Select(c => c.Words[0]))))
                return end;
        return null;
    }

    /// <summary>
    /// The words <paramref name="start"/> to <paramref name="end"/> (a <see cref="NamedRun"/>): all of them, each planned as
    /// a word alone, or the name layers of the whole (its spellings as a phrase, and its aliases and exonyms).
    /// </summary>
    private (Query? Query, bool Required) PlanRun(IReadOnlyList<LenientClause> clauses, int start, int end, IndexReader reader, MatchPlan plan)
    {
        var words = new BooleanQuery();
        for (int k = start; k < end; k++)
        {
            var (query, required) = PlanClause(clauses[k], reader, plan);
            if (query is not null)
                words.Add(query, required ? Occur.MUST : Occur.SHOULD);
        }
        var whole = names.BuildPhrase(clauses.Skip(start).Take(end - start).Select(c => c.Words[0]).ToList(), reader, plan);
        var either = new BooleanQuery(disableCoord: true);
        if (words.Clauses.Count > 0)
            either.Add(words, Occur.SHOULD);
        if (whole is not null)
            either.Add(whole, Occur.SHOULD);
        return either.Clauses.Count == 0 ? (null, false) : (either, true);
    }

    // One clause: the English query in title and body OR-ed with the name layers. A word the English
    // pipeline drops (a stop word) only adds to the score: requiring it would demand "the" everywhere.
    private (Query? Query, bool Required) PlanClause(LenientClause clause, IndexReader reader, MatchPlan plan)
    {
        var text = string.Join(' ', clause.Words);
        // What an excluded clause matches is in no hit: neither marked nor listed as searched.
        if (clause.Excluded)
            plan = plan.Detached();
        if (clause.Prefix)
            return (PrefixQueries.Build(text, clause.Exact, reader, plan), true);
        if (clause.Exact)
            return (names.BuildExact(clause.Words, reader, plan), true);

        var english = TextAnalysis.Analyze(Schema.ForField(Schema.Title), Schema.Title, text);
        var either = new BooleanQuery(disableCoord: true);
        Query? title = null, body = null;
        if (english.Count > 0)
        {
            title = FieldQueries.ForTokens(Schema.Title, english, plan, text, "stem", TitleBoost)!;
            body = FieldQueries.ForTokens(Schema.Body, english, plan, text, "stem")!;
            either.Add(title, Occur.SHOULD);
            either.Add(body, Occur.SHOULD);
        }
        // An excluded word typed in lower case excludes the word (its English forms, any case), not the names it may be a
        // spelling of: -said keeps Saeed Jalili. Typed as a name (-Said, -Khamenei) it excludes the name in every spelling.
        if (clause.Excluded && title is not null && body is not null && !NameQueryBuilder.LooksLikeName(text))
            return (either, true);
        bool phrase = clause.Quoted && clause.Words.Count > 1;
        if (phrase && title is not null && body is not null && !NameQueryBuilder.LooksLikeName(text) && NameMatcher.LeavesOutWords(text))
        {
            // The name layers leave out the generic words of organisation and place names (Ltd, Corp, Bank, Shi, Wilaya), so
            // that QAVAMIN BANK finds Bank Qavamin and Beijing Shi finds Beijing. A phrase typed without a capital or Arabic
            // script is no name: left to them, "sciences corp" took every document with sciences (500 of the whole corpus,
            // where 9 hold the phrase). It must be in the title or body; the name layers only add to the score, and their
            // spellings and marks are not the phrase's: a plan of their own.
            var layers = names.BuildPhrase(clause.Words, reader, plan.Detached());
            var inText = new BooleanQuery(disableCoord: true) { { either, Occur.MUST } };
            if (layers is not null)
                inText.Add(layers, Occur.SHOULD);
            return (inText, true);
        }
        var nameQuery = phrase
            ? names.BuildPhrase(clause.Words, reader, plan)
            : names.BuildWord(text, reader, plan);
        if (nameQuery is not null)
        {
            // A word typed as a name (capitalised, or in Arabic script) is matched by the name layers, which
            // know its spellings; the English stem only adds to the score, so Porter's "Hamas" -> "hama"
            // does not bring back Hama.
            if (title is not null && body is not null && NameQueryBuilder.LooksLikeName(text))
                return (new NameAndStemQuery(nameQuery, title, body), true);
            either.Add(nameQuery, Occur.SHOULD);
        }
        if (either.Clauses.Count == 0)
            return (null, false);
        // Two or three clauses become a WordQuery with the rest of the plan (WordQuery.Specialize).
        return (either, english.Count > 0 || clause.Quoted || clause.Excluded);
    }

    private static readonly Regex ColumnPattern = new(@"column (\d+)", RegexOptions.CultureInvariant);

    private Query PlanStrict(string text, IndexReader reader, MatchPlan plan)
    {
        if (string.IsNullOrWhiteSpace(text))
            return LexiconDocuments.ContentOnly();
        var parser = new StrictParser();
        Query query;
        try
        {
            query = parser.Parse(text);
        }
        catch (ParseException e) when (e.Message.StartsWith("Unknown field '", StringComparison.Ordinal))
        {
            var field = e.Message.Split('\'')[1];
            var at = text.IndexOf(field + ":", StringComparison.Ordinal);
            throw new QueryException("Query syntax error: " + e.Message, at < 0 ? null : at, e);
        }
        catch (ParseException e)
        {
            throw new QueryException(Describe(e.Message, text), Position(e, text), e);
        }
        catch (Exception e) when (e.GetType().Name is "TokenMgrError" or "TooManyClausesException" || e is BooleanQuery.TooManyClausesException)
        {
            throw new QueryException(Describe(e.Message, text), Position(e, text), e);
        }
        QueryTerms.Collect(query, reader, plan);
        return query;
    }

    private static int? Position(Exception e, string text)
    {
        if (e is ParseException { CurrentToken.Next: { } next } && next.BeginColumn >= 0)
            return Math.Min(next.BeginColumn, text.Length); // this port counts columns from 0
        var m = ColumnPattern.Match(e.Message);
        return m.Success ? Math.Clamp(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0, text.Length) : null; // this port counts columns from 0
    }

    // Lucene's messages start with "Cannot parse '<the whole query>': "; the user has the query already.
    private static string Describe(string message, string text)
    {
        var prefix = $"Cannot parse '{text}': ";
        var m = message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
        m = m.Split('\n')[0].Trim();
        return "Query syntax error: " + m;
    }

    internal static int CountClauses(Query query) => query switch
    {
        BooleanQuery b => b.Clauses.Sum(c => CountClauses(c.Query)),
        DisjunctionMaxQuery d => d.Disjuncts.Sum(CountClauses),
        MultiPhraseQuery m => m.GetTermArrays().Sum(a => a.Length),
        SpellingsPhraseQuery p => p.Count,
        WeightedTermsQuery w => w.Count,
        KeptScoresQuery k => CountClauses(k.Source),
        _ => 1,
    };

    /// <summary>
    /// The most <c>*</c> and <c>?</c> a wildcard term may have after its first <c>*</c>. Lucene 4.8 turns a
    /// wildcard into a deterministic automaton with no bound on its states: <c>x*a????????????</c> took 13 s
    /// of CPU before the search (and its time budget) even began. Three keeps every pattern under a few ms.
    /// </summary>
    public const int MaxWildcardsAfterStar = 3;

    /// <summary>Lucene's classic parser over title and body, restricted to the schema's fields.</summary>
    private sealed class StrictParser : MultiFieldQueryParser
    {
        private string text = "";

        public StrictParser()
            : base(Lucene.Net.Util.LuceneVersion.LUCENE_48, [Schema.Title, Schema.Body], Schema.Analyzer,
                new Dictionary<string, float> { [Schema.Title] = TitleBoost, [Schema.Body] = 1f })
        {
            DefaultOperator = AND_OPERATOR;
            AllowLeadingWildcard = false;
            FuzzyPrefixLength = 1;
            AutoGeneratePhraseQueries = true;
            // Wildcards, prefixes and ranges match every term they cover, as a filter when there are many: a
            // top-N scoring rewrite silently dropped matches (tehran* found 512 of 3,000 documents). The cost
            // is one pass over the matching terms, linear in the index, never a clause explosion. Fuzzy
            // queries keep Lucene's own rewrite: the 50 closest spellings.
            MultiTermRewriteMethod = MultiTermQuery.CONSTANT_SCORE_AUTO_REWRITE_DEFAULT;
        }

        protected override Query GetFieldQuery(string field, string queryText, bool quoted)
        {
            Check(field);
            if (field == Schema.Source)
                return new TermQuery(new Term(Schema.SourceKey, queryText.ToLowerInvariant()));
            if (field == Schema.Id)
                return new TermQuery(new Term(Schema.Id, queryText));
            return base.GetFieldQuery(field, queryText, quoted);
        }

        protected override Query GetFieldQuery(string field, string queryText, int slop)
        {
            Check(field);
            return base.GetFieldQuery(field, queryText, slop);
        }

        protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive)
        {
            Check(field);
            return Cased(field, () => base.GetRangeQuery(field, part1, part2, startInclusive, endInclusive));
        }

        protected override Query GetPrefixQuery(string field, string termStr)
        {
            Check(field);
            return Cased(field, () => base.GetPrefixQuery(field, termStr));
        }

        // The exact field holds words as written: its wildcard, prefix, fuzzy and range terms keep their case, where
        // Lucene's parser lower-cases them (exact:Khamen* found 1 document instead of 134).
        private Query Cased(string field, Func<Query> make)
        {
            bool lower = LowercaseExpandedTerms;
            LowercaseExpandedTerms = lower && field != Schema.Exact;
            try
            {
                return make();
            }
            finally
            {
                LowercaseExpandedTerms = lower;
            }
        }

        protected override Query GetWildcardQuery(string field, string termStr)
        {
            Check(field);
            int star = termStr.IndexOf('*', StringComparison.Ordinal);
            if (star >= 0 && termStr.AsSpan(star + 1).IndexOfAny('*', '?') >= 0
                && termStr.AsSpan(star + 1).Count('*') + termStr.AsSpan(star + 1).Count('?') > MaxWildcardsAfterStar)
                throw new QueryException(
                    $"Query syntax error: the wildcard '{termStr}' is too costly: at most {MaxWildcardsAfterStar} * or ? may follow its first *.",
                    PositionOf(termStr));
            return Cased(field, () => base.GetWildcardQuery(field, termStr));
        }

        // Lucene 4.8 builds a regular expression's automaton with no bound on its states
        // ("[ab]*a[ab]{16}" took 10 s of CPU), so the strict grammar does not take them.
        protected override Query GetRegexpQuery(string field, string termStr) =>
            throw new QueryException("Query syntax error: regular expressions (/.../) are not supported; use wildcards * and ? instead.", PositionOf("/" + termStr));

        public override Query Parse(string query)
        {
            text = query;
            return base.Parse(query);
        }

        private int? PositionOf(string term) =>
            text.IndexOf(term, StringComparison.OrdinalIgnoreCase) is var at and >= 0 ? at : null;

        protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity)
        {
            Check(field);
            return Cased(field, () => base.GetFuzzyQuery(field, termStr, minSimilarity));
        }

        private static void Check(string? field)
        {
            if (field is not null && !Schema.QueryableFields.Contains(field))
                throw new ParseException($"Unknown field '{field}'. Fields: {string.Join(", ", Schema.QueryableFields)}.");
        }
    }
}
