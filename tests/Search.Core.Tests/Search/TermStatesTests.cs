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
/// A plan's term queries carry their terms' states in the plan's reader (so a kept plan searches without term look-ups):
/// the queries must find and score exactly what Lucene's own term queries do, and the query planned must not change.
/// </summary>
public sealed class TermStatesTests
{
    private static DirectoryReader Index(RAMDirectory dir)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48)) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(dir, config))
        {
            string[] bodies =
            [
                "Iran and Iraq exchanged fire along the border",
                "Oil prices rose as Iran talks stalled",
                "Tehran said talks with Iraq would resume",
                "Oil exports from Iraq rose in March",
                "The border was quiet on Sunday",
            ];
            for (int i = 0; i < bodies.Length; i++)
            {
                writer.AddDocument(new Document { new TextField("body", bodies[i], Field.Store.NO), new TextField("title", i % 2 == 0 ? "Iran" : "Oil", Field.Store.NO) });
                if (i == 2)
                    writer.Commit();   // two segments
            }
        }
        return DirectoryReader.Open(dir);
    }

    public static TheoryData<string> Queries => new()
    {
        "iran",
        "+iran +iraq -border",
        "title:iran^3 body:oil",
        "(iran OR oil)^0.5 AND rose",
        "\"oil prices\" iraq",
        "absent",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Term_queries_with_states_find_and_score_as_lucenes_own(string text)
    {
        using var dir = new RAMDirectory();
        using var reader = Index(dir);
        Assert.Equal(2, reader.Leaves.Count);
        var parser = new Lucene.Net.QueryParsers.Classic.QueryParser(LuceneVersion.LUCENE_48, "body", new StandardAnalyzer(LuceneVersion.LUCENE_48));
        var query = parser.Parse(text);
        // Wrapped, as the planner's queries often are: a disjunction-max query of the parsed query and a plain term.
        var wrapped = new DisjunctionMaxQuery(0.1f) { query, new TermQuery(new Term("title", "oil")) { Boost = 0.2f } };
        string before = wrapped.ToString();

        var attached = TermStates.Attach(wrapped, reader);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var expected = searcher.Search(wrapped, 10);
        var actual = searcher.Search(attached, 10);

        Assert.Equal(before, wrapped.ToString());
        Assert.Equal(before, attached.ToString());
        Assert.NotSame(wrapped, attached);
        Assert.Equal(expected.TotalHits, actual.TotalHits);
        Assert.Equal(expected.ScoreDocs.Select(d => (d.Doc, d.Score)), actual.ScoreDocs.Select(d => (d.Doc, d.Score)));
    }

    [Fact]
    public void A_query_with_states_searched_on_another_reader_looks_its_terms_up_there()
    {
        using var dir = new RAMDirectory();
        var reader = Index(dir);
        var attached = TermStates.Attach(new TermQuery(new Term("body", "iraq")), reader);
        reader.Dispose();
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48))))
            writer.AddDocument(new Document { new TextField("body", "Iraq again", Field.Store.NO) });
        using var later = DirectoryReader.Open(dir);
        Assert.Equal(4, new IndexSearcher(later).Search(attached, 10).TotalHits);
    }
}
