using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Analysis.Names;

namespace Search.Analysis.Tests.Names;

/// <summary>
/// <see cref="KeptScoresQuery"/> must find and score exactly what its inner query does, the first time (when it computes
/// and keeps a segment's hits) and after (from what it kept), alone, under a filter, boosted, inside a conjunction, and
/// through a searcher of another reader.
/// </summary>
public class KeptScoresQueryTests
{
    private static readonly string[] Words = ["tehran", "teheran", "qaddafi", "gadhafi", "iran", "said", "white", "house"];

    private static DirectoryReader Build(Lucene.Net.Store.Directory dir, int seed, int docs)
    {
        var random = new Random(seed);
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48)) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(dir, config))
        {
            for (int d = 0; d < docs; d++)
            {
                var text = string.Join(' ', Enumerable.Range(0, 1 + random.Next(20)).Select(_ => Words[random.Next(Words.Length)]));
                writer.AddDocument(new Document { new StringField("id", d.ToString(), Field.Store.NO), new TextField("name", text, Field.Store.NO) });
                if (d % 100 == 99)
                    writer.Commit(); // several segments
            }
            writer.DeleteDocuments(Enumerable.Range(0, docs).Where(d => d % 23 == 5).Select(d => new Term("id", d.ToString())).ToArray());
            writer.Commit();
        }
        return DirectoryReader.Open(dir);
    }

    private static Query Inner()
    {
        var phrase = new PhraseQuery { Slop = 1 };
        phrase.Add(new Term("name", "white"));
        phrase.Add(new Term("name", "house"));
        return new BooleanQuery(disableCoord: true)
        {
            { new TermQuery(new Term("name", "tehran")) { Boost = 3f }, Occur.SHOULD },
            { new BooleanQuery(disableCoord: true) { { new TermQuery(new Term("name", "teheran")) { Boost = 0.7f }, Occur.SHOULD }, { phrase, Occur.SHOULD } }, Occur.SHOULD },
        };
    }

    private static (int, float)[] Hits(IndexSearcher searcher, Query query, Filter? filter = null) =>
        searcher.Search(query, filter, searcher.IndexReader.MaxDoc).ScoreDocs.Select(s => (s.Doc, s.Score)).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Finds_and_scores_what_its_inner_query_does(int seed)
    {
        using var dir = new RAMDirectory();
        using var reader = Build(dir, seed, 450);
        Assert.True(reader.Leaves.Count > 1);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var inner = Inner();
        var kept = new KeptScoresQuery(inner, searcher.Rewrite(inner), reader, new RarePostings());
        var want = Hits(searcher, inner);
        Assert.True(want.Length > 100);
        Assert.Equal(want, Hits(searcher, kept));
        Assert.Equal(want, Hits(searcher, kept)); // from what it kept

        var filter = new QueryWrapperFilter(new TermQuery(new Term("name", "said")));
        Assert.Equal(Hits(searcher, inner, filter), Hits(searcher, kept, filter));

        var boosted = (Query)kept.Clone();
        boosted.Boost = 2.5f;
        var boostedInner = (Query)inner.Clone();
        boostedInner.Boost = 2.5f;
        Assert.Equal(Hits(searcher, boostedInner), Hits(searcher, boosted));

        var and = new BooleanQuery { { new TermQuery(new Term("name", "iran")), Occur.MUST }, { kept, Occur.MUST } };
        var andInner = new BooleanQuery { { new TermQuery(new Term("name", "iran")), Occur.MUST }, { inner, Occur.MUST } };
        Assert.Equal(Hits(searcher, andInner), Hits(searcher, and));
        Assert.Equal(searcher.Explain(inner, want[0].Item1).Value, searcher.Explain(kept, want[0].Item1).Value);

        // Another reader (a refresh): the inner query's own scorer, nothing kept from the first one.
        using var other = new RAMDirectory();
        using var otherReader = Build(other, seed + 10, 300);
        var otherSearcher = new IndexSearcher(otherReader) { Similarity = new BM25Similarity() };
        Assert.Equal(Hits(otherSearcher, inner), Hits(otherSearcher, kept));
    }
}
