using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Search.Querying;
using static Search.Core.Tests.Search.NameAndStemQueryTests;

namespace Search.Core.Tests.Search;

/// <summary>
/// The search box's query for a word not typed as a name (its stem in title or body, or its name layers) scores with a
/// scorer of its own for so few clauses: it must find and score exactly what Lucene's scorers give for the same Boolean
/// query of optional clauses, alone, inside a conjunction, an OR and as an exclusion.
/// </summary>
public sealed class WordQueryTests
{
    public static TheoryData<string[]> Clauses => new()
    {
        new[] { "title:tehran^2", "body:tehran" },
        new[] { "title:tehran^2", "body:tehran", "name:tehran name:london^0.5" },
        new[] { "title:oil^2", "body:oil", "name:gulf" },                     // documents matched by one clause only
        new[] { "title:teheran^2", "body:teheran", "name:absent" },           // one clause absent everywhere, one in a segment only
        new[] { "title:absent^2", "body:absent", "name:absent" },             // nothing
        new[] { "title:\"oil prices\"^2", "body:\"oil prices\"", "name:london" },
    };

    [Theory]
    [MemberData(nameof(Clauses))]
    public void It_finds_and_scores_as_the_boolean_query_it_stands_for(string[] clauses)
    {
        using var dir = new RAMDirectory();
        using var reader = Index(dir);
        var parts = clauses.Select(Parse).ToList();
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        BooleanQuery Lucene() => Disjunction(parts);

        AssertSame(searcher, Lucene(), new WordQuery(parts));
        // As the planner nests it: required beside another word (advanced), in an OR group, and excluded.
        var other = new TermQuery(new Term("body", "in"));
        AssertSame(searcher,
            new BooleanQuery { { Lucene(), Occur.MUST }, { other, Occur.MUST } },
            new BooleanQuery { { new WordQuery(parts), Occur.MUST }, { other, Occur.MUST } });
        AssertSame(searcher,
            new BooleanQuery { { Lucene(), Occur.SHOULD }, { other, Occur.SHOULD } },
            new BooleanQuery { { new WordQuery(parts), Occur.SHOULD }, { other, Occur.SHOULD } });
        AssertSame(searcher,
            new BooleanQuery { { other, Occur.MUST }, { Lucene(), Occur.MUST_NOT } },
            new BooleanQuery { { other, Occur.MUST }, { new WordQuery(parts), Occur.MUST_NOT } });
        // With the terms' states attached, as plans are.
        var ours = new WordQuery(parts);
        var attached = TermStates.Attach(ours, reader);
        Assert.IsType<WordQuery>(attached);
        Assert.NotSame(ours, attached);   // its term queries were given their states
        AssertSame(searcher, Lucene(), attached);
    }

    [Theory]
    [MemberData(nameof(Clauses))]
    public void Stepping_and_skipping_land_where_lucenes_disjunction_lands(string[] clauses)
    {
        using var dir = new RAMDirectory();
        using var reader = Index(dir);
        var parts = clauses.Select(Parse).ToList();
        var lucene = Disjunction(parts);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var expectedWeight = searcher.CreateNormalizedWeight(lucene);
        var actualWeight = searcher.CreateNormalizedWeight(new WordQuery(parts));
        foreach (var leaf in reader.Leaves)
        {
            // On fresh scorers for every target: a step to the first document, a skip to the target beyond it, a step.
            for (int target = 1; target <= leaf.AtomicReader.MaxDoc; target++)
            {
                var expected = expectedWeight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
                var actual = actualWeight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
                Assert.Equal(expected is null, actual is null);
                if (expected is null)
                    break;
                for (int step = 0; step < 3; step++)
                {
                    bool skip = step == 1 && expected.DocID < target;
                    int e = skip ? expected.Advance(target) : expected.NextDoc();
                    int a = skip ? actual!.Advance(target) : actual!.NextDoc();
                    Assert.Equal(e, a);
                    if (e == DocIdSetIterator.NO_MORE_DOCS)
                        break;
                    Assert.Equal(expected.GetScore(), actual.GetScore());
                    Assert.Equal(expected.Freq, actual.Freq);
                }
            }
        }
    }

    public static TheoryData<string, int> StrictQueries => new()
    {
        // the query (classic syntax, coordination on as the parser makes it), how many word queries it holds after
        { "tehran", 1 },                                            // title^2 OR body, as the strict syntax searches a word
        { "tehran OR oil", 3 },                                     // an OR of two words, each over title and body
        { "+tehran +(oil OR prices OR gulf)", 5 },                  // a required OR of three words becomes one; the conjunction stays
        { "tehran -(oil OR london)", 4 },                           // an excluded OR becomes one; the top, with a NOT, stays
        { "oil OR prices OR gulf OR tehran", 4 },                   // four optional clauses: the top stays Lucene's own
        { "(oil OR prices)^3 tehran", 5 },                          // a boosted OR keeps its boost
    };

    [Theory]
    [MemberData(nameof(StrictQueries))]
    public void Strict_queries_made_word_queries_find_and_score_as_before(string text, int words)
    {
        using var dir = new RAMDirectory();
        using var reader = Index(dir);
        var parser = new Lucene.Net.QueryParsers.Classic.MultiFieldQueryParser(Lucene.Net.Util.LuceneVersion.LUCENE_48, ["title", "body"],
            new Lucene.Net.Analysis.Standard.StandardAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48), new Dictionary<string, float> { ["title"] = 2f, ["body"] = 1f });
        var query = parser.Parse(text);
        string before = query.ToString();
        var specialized = WordQuery.Specialize(query);
        // The index's own similarity, whose coordination factor of 1 makes a coordinating query and a word query score alike.
        var searcher = new IndexSearcher(reader) { Similarity = new global::Search.Indexing.ExactLengthSimilarity() };

        Assert.Equal(before, query.ToString());
        Assert.Equal(before, specialized.ToString());
        int Count(Query q) => q switch
        {
            WordQuery w => 1 + w.Clauses.Sum(c => Count(c.Query)),
            BooleanQuery b => b.Clauses.Sum(c => Count(c.Query)),
            _ => 0,
        };
        Assert.Equal(words, Count(specialized));
        AssertSame(searcher, query, specialized);
    }

    [Theory]
    [InlineData("talks", QuerySyntax.Lenient, typeof(WordQuery))]        // the stem in title or body, or the name layers
    [InlineData("Tehran", QuerySyntax.Lenient, typeof(NameAndStemQuery))] // a word typed as a name
    [InlineData("talks", QuerySyntax.Lucene, typeof(WordQuery))]         // title^2 OR body
    [InlineData("talks OR tehran", QuerySyntax.Lucene, typeof(WordQuery))]
    public async Task Plans_carry_the_queries_with_scorers_of_their_own(string text, QuerySyntax syntax, Type expected)
    {
        var directory = new RAMDirectory();
        using var index = SearchIndex.Open(directory, null, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        index.AddOrUpdate(new NewsDocument("t1", "Talks in Tehran", "Talks resumed in Tehran on Sunday"));
        index.AddOrUpdate(new NewsDocument("t2", null, "The talks stalled"));
        await index.CommitAsync();
        using var reader = DirectoryReader.Open(directory);

        var planned = new QueryPlanner(1024).Plan(new SearchRequest { Query = text, Syntax = syntax }, reader).Query;
        Assert.IsType(expected, planned);
        Assert.NotEqual(0, new IndexSearcher(reader).Search(planned, 10).TotalHits);
    }

    /// <summary>The Boolean query a <see cref="WordQuery"/> of <paramref name="parts"/> stands for.</summary>
    private static BooleanQuery Disjunction(IEnumerable<Query> parts)
    {
        var q = new BooleanQuery(disableCoord: true);
        foreach (var p in parts)
            q.Add(p, Occur.SHOULD);
        return q;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void It_takes_two_or_three_clauses(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WordQuery(Enumerable.Range(0, count).Select(i => (Query)new TermQuery(new Term("body", "w" + i))).ToList()));
}
