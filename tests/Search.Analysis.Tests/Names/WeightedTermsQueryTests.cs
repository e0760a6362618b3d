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
/// <see cref="WeightedTermsQuery"/> must find and score exactly what the disjunction of one boosted
/// <see cref="TermQuery"/> per term (coord disabled) finds and scores: it replaces that disjunction for the
/// spellings of a name word, and ranking must not change.
/// </summary>
public class WeightedTermsQueryTests
{
    // Frequent words (read lazily by their own enumerator in a segment) and rare ones (read at once and sorted).
    private static readonly string[] Words = ["tehran", "teheran", "thrān", "tahran", "qaddafi", "gadhafi", "kadhafi", "qadhafi", "iran", "said"];
    private static readonly string[] Rare = ["gaddafi", "qaddafy", "kadafi", "ṭhrān", "teheraan"];

    private static (Lucene.Net.Store.Directory Dir, DirectoryReader Reader) Build(int seed)
    {
        var random = new Random(seed);
        var dir = new RAMDirectory();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48)) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(dir, config))
        {
            for (int d = 0; d < 600; d++)
            {
                var text = string.Join(' ', Enumerable.Range(0, 1 + random.Next(30)).Select(_ => Words[(int)Math.Pow(random.Next(100), 2) % Words.Length]));
                if (random.Next(8) == 0)
                    text += " " + Rare[random.Next(Rare.Length)] + " " + Rare[random.Next(Rare.Length)];
                writer.AddDocument(new Document { new StringField("id", d.ToString(), Field.Store.NO), new TextField("name", text, Field.Store.NO) });
                if (d % 150 == 149)
                    writer.Commit(); // several segments
            }
            // Deleted documents, some with rare terms (kept postings must drop them when read).
            writer.DeleteDocuments(Enumerable.Range(0, 600).Where(d => d % 37 == 7).Select(d => new Term("id", d.ToString())).ToArray());
            writer.Commit();
        }
        return (dir, DirectoryReader.Open(dir));
    }

    [Theory]
    [InlineData(1, true, false)]
    [InlineData(2, false, false)]
    [InlineData(3, true, false)]
    [InlineData(4, true, true)]
    [InlineData(5, true, true)]
    [InlineData(6, true, true)]
    public void Finds_and_scores_what_a_disjunction_of_term_queries_does(int seed, bool withStates, bool keepRare)
    {
        var (dir, reader) = Build(seed);
        using var _ = dir;
        using var __ = reader;
        Assert.True(reader.Leaves.Count > 1);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var random = new Random(seed);
        // Some seeds give many terms one boost (terms of one document frequency and boost share their BM25 weight).
        bool sharedBoosts = seed % 2 == 0;
        // Every word, a term that is in no document, and one term twice (as two clauses would have it).
        var entries = Words.Concat(Rare).Append("absent").Append("tehran")
            .Select(w => (Text: w, Boost: sharedBoosts ? (float)(0.5 + random.Next(3) * 0.25) : (float)(0.5 + random.NextDouble()), Context: withStates ? TermContext.Build(reader.Context, new Term("name", w)) : null))
            .ToList();
        var expected = new BooleanQuery(disableCoord: true) { Boost = 0.5f };
        foreach (var (text, boost, _) in entries)
            expected.Add(new TermQuery(new Term("name", text)) { Boost = boost }, Occur.SHOULD);
        // With the rare terms' postings kept: the first search reads and keeps them, the second reads them from memory.
        var rare = keepRare ? new RarePostings() : null;
        var terms = new WeightedTermsQuery("name", entries, rare) { Boost = 0.5f };
        var actual = new BooleanQuery(disableCoord: true) { { terms, Occur.SHOULD } };

        var want = searcher.Search(expected, reader.MaxDoc);
        if (keepRare)
            Assert.Equal(want.TotalHits, searcher.Search(actual, reader.MaxDoc).TotalHits);
        var got = searcher.Search(actual, reader.MaxDoc);
        Assert.True(want.TotalHits > 100);
        Assert.Equal(want.TotalHits, got.TotalHits);
        var wantScores = want.ScoreDocs.ToDictionary(s => s.Doc, s => s.Score);
        foreach (var sd in got.ScoreDocs)
            Assert.Equal(wantScores[sd.Doc], sd.Score, 5);
        Assert.Equal(want.ScoreDocs.Select(s => s.Doc), got.ScoreDocs.Select(s => s.Doc));

        // Inside a conjunction (the search box ANDs the words): Advance is used.
        var and = new BooleanQuery { { new TermQuery(new Term("name", "said")), Occur.MUST }, { actual, Occur.MUST } };
        var andExpected = new BooleanQuery { { new TermQuery(new Term("name", "said")), Occur.MUST }, { expected, Occur.MUST } };
        Assert.Equal(searcher.Search(andExpected, reader.MaxDoc).ScoreDocs.Select(s => s.Doc), searcher.Search(and, reader.MaxDoc).ScoreDocs.Select(s => s.Doc));

        // The same query again under a filter and under another boost, after its merged postings were kept unfiltered at
        // this boost: the filter is applied while scoring, and the boost keeps postings of its own.
        var filter = new QueryWrapperFilter(new TermQuery(new Term("name", "iran")));
        Assert.Equal(searcher.Search(expected, filter, reader.MaxDoc).ScoreDocs.Select(s => (s.Doc, s.Score)),
            searcher.Search(actual, filter, reader.MaxDoc).ScoreDocs.Select(s => (s.Doc, s.Score)));
        // (Lucene's rewrite boosts a clone of a lone clause, unless the clause is itself a lone clause's rewrite.)
        var boosted = new BooleanQuery(disableCoord: true) { { terms, Occur.SHOULD } };
        boosted.Boost = 3f;
        var boostedExpected = (BooleanQuery)expected.Clone();
        boostedExpected.Boost = 1.5f;
        var wantBoosted = searcher.Search(boostedExpected, reader.MaxDoc).ScoreDocs.ToDictionary(s => s.Doc, s => s.Score);
        var gotBoosted = searcher.Search(boosted, reader.MaxDoc).ScoreDocs;
        Assert.Equal(wantBoosted.Count, gotBoosted.Length);
        foreach (var sd in gotBoosted)
            Assert.Equal(wantBoosted[sd.Doc], sd.Score, 5);

        // Shared BM25 weights score exactly as one weight per term (a similarity that overrides the idf shares none).
        var unshared = new IndexSearcher(reader) { Similarity = new UnsharedBm25() };
        Assert.Equal(unshared.Search(actual, reader.MaxDoc).ScoreDocs.Select(s => (s.Doc, s.Score)), got.ScoreDocs.Select(s => (s.Doc, s.Score)));

        // Explain agrees with the score.
        var top = got.ScoreDocs[0];
        Assert.Equal(top.Score, searcher.Explain(actual, top.Doc).Value, 4);
    }

    /// <summary>BM25 as Lucene computes it, through an override that keeps <see cref="WeightedTermsQuery"/> from sharing weights.</summary>
    private sealed class UnsharedBm25 : BM25Similarity
    {
        protected override float Idf(long docFreq, long numDocs) => base.Idf(docFreq, numDocs);
    }
}
