using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Querying;

namespace Search.Core.Tests.Search;

/// <summary>
/// The search box's query for a word typed as a name scores with a scorer of its own: it must find and score exactly what
/// Lucene's scorers give for the same Boolean query, <c>{ MUST names, SHOULD { SHOULD title, SHOULD body } }</c>.
/// </summary>
public sealed class NameAndStemQueryTests
{
    /// <summary>Seven short documents in two segments, the last deleted (shared with <see cref="WordQueryTests"/>).</summary>
    internal static DirectoryReader Index(RAMDirectory dir)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48)) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(dir, config))
        {
            (string Title, string Body, string Name)[] docs =
            [
                ("Tehran rejects talks", "Tehran said on Sunday it rejected direct talks", "tehran"),
                ("Oil prices rise", "Traders in Tehran and London watched oil prices", "tehran london"),
                ("Teheran report", "The report from Teheran gave no details", "tehran"),
                ("Markets", "Shares closed higher in London", "london"),
                ("Tehran Tehran", "Nothing else", "tehran"),
                ("Gulf shipping", "Ships in the Gulf, far from Tehran, waited", "gulf tehran"),
                ("Weather", "Rain in Tehran and more rain in Tehran", "tehran"),
            ];
            for (int i = 0; i < docs.Length; i++)
            {
                writer.AddDocument(new Document
                {
                    new StringField("id", "d" + i, Field.Store.NO),
                    new TextField("title", docs[i].Title, Field.Store.NO),
                    new TextField("body", docs[i].Body, Field.Store.NO),
                    new TextField("name", docs[i].Name, Field.Store.NO),
                });
                if (i == 3)
                    writer.Commit();   // two segments: the title term is absent from the second's "teheran" docs
            }
            writer.DeleteDocuments(new Term("id", "d6"));
        }
        return DirectoryReader.Open(dir);
    }

    internal static Query Parse(string text) =>
        new Lucene.Net.QueryParsers.Classic.QueryParser(LuceneVersion.LUCENE_48, "body", new StandardAnalyzer(LuceneVersion.LUCENE_48)).Parse(text);

    public static TheoryData<string, string, string> Parts => new()
    {
        // names, title, body
        { "name:tehran", "title:tehran^2", "body:tehran" },
        { "name:tehran name:london^0.5", "title:tehran^2", "body:tehran" },
        { "name:tehran", "title:teheran^2", "body:teheran" },          // the stem in one segment only
        { "name:london", "title:absent^2", "body:absent" },            // no optional scorer anywhere
        { "name:tehran", "title:\"oil prices\"^2", "body:\"oil prices\"" },
        { "name:absent", "title:tehran^2", "body:tehran" },            // nothing required
    };

    [Theory]
    [MemberData(nameof(Parts))]
    public void It_finds_and_scores_as_the_boolean_query_it_stands_for(string names, string title, string body)
    {
        using var dir = new RAMDirectory();
        using var reader = Index(dir);
        Assert.Equal(2, reader.Leaves.Count);
        Query n = Parse(names), t = Parse(title), b = Parse(body);
        var lucene = Lucene(n, t, b);
        var ours = new NameAndStemQuery(n, t, b);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };

        AssertSame(searcher, lucene, ours);
        // Inside a larger query, with a boost: as a clause of a conjunction, advanced rather than iterated.
        var otherClause = new TermQuery(new Term("body", "in"));
        var boosted = Lucene(n, t, b);
        boosted.Boost = 1.5f;
        AssertSame(searcher,
            new BooleanQuery { { boosted, Occur.MUST }, { otherClause, Occur.MUST } },
            new BooleanQuery { { new NameAndStemQuery(n, t, b) { Boost = 1.5f }, Occur.MUST }, { otherClause, Occur.MUST } });
        // With the terms' states attached, as plans are: still this query, still the same hits and scores.
        var attached = TermStates.Attach(ours, reader);
        Assert.IsType<NameAndStemQuery>(attached);
        if (t is TermQuery)
            Assert.NotSame(ours, attached);   // its term queries were given their states
        AssertSame(searcher, lucene, attached);
        Assert.Equal(lucene.ToString(), attached.ToString());
    }

    [Fact]
    public void Documents_with_the_stem_rank_above_those_matched_by_the_name_layers_alone()
    {
        using var dir = new RAMDirectory();
        using var reader = Index(dir);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var query = new NameAndStemQuery(new TermQuery(new Term("name", "tehran")), new TermQuery(new Term("title", "tehran")) { Boost = 2 }, new TermQuery(new Term("body", "tehran")));
        var top = InOrder(searcher, query);
        // d0..d5 hold "tehran" in the name field (d6 is deleted); d2 spells it "Teheran", so only the name layer matches it.
        Assert.Equal(5, top.TotalHits);
        Assert.Equal(top.ScoreDocs.Length - 1, Array.IndexOf(top.ScoreDocs.Select(d => d.Doc).ToArray(), 2));
    }

    private static BooleanQuery Lucene(Query names, Query title, Query body) => new(disableCoord: true)
    {
        { names, Occur.MUST },
        { new BooleanQuery(disableCoord: true) { { title, Occur.SHOULD }, { body, Occur.SHOULD } }, Occur.SHOULD },
    };

    internal static void AssertSame(IndexSearcher searcher, Query expectedQuery, Query actualQuery)
    {
        var expected = InOrder(searcher, expectedQuery);
        var actual = InOrder(searcher, actualQuery);
        Assert.Equal(expected.TotalHits, actual.TotalHits);
        Assert.Equal(expected.ScoreDocs.Select(d => (d.Doc, d.Score)), actual.ScoreDocs.Select(d => (d.Doc, d.Score)));
    }

    /// <summary>The top 10 collected in document order, as Search collects (its collector takes documents in order, so Lucene scores a disjunction with its scorer, not its bulk scorer).</summary>
    internal static TopDocs InOrder(IndexSearcher searcher, Query query)
    {
        var collector = TopScoreDocCollector.Create(10, docsScoredInOrder: true);
        searcher.Search(query, collector);
        return collector.GetTopDocs();
    }
}
