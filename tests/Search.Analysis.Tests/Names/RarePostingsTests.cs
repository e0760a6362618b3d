using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Analysis.Names;

namespace Search.Analysis.Tests.Names;

/// <summary><see cref="RarePostings"/> keeps what the index holds for rare terms only, and no more than its bound.</summary>
public class RarePostingsTests
{
    [Fact]
    public void Keeps_the_postings_of_rare_terms_within_its_bound()
    {
        using var dir = new RAMDirectory();
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
        {
            for (int d = 0; d < 100; d++)
                writer.AddDocument(new Document { new TextField("name", $"common rare{d % 10} rare{d % 10} other{d}", Field.Store.NO) });
            writer.Commit();
        }
        using var reader = DirectoryReader.Open(dir);
        var segment = reader.Leaves[0].AtomicReader;

        (TermState State, TermsEnum Enum) Seek(string text)
        {
            var te = segment.GetTerms("name").GetEnumerator();
            Assert.True(te.SeekExact(new BytesRef(text)));
            return (te.GetTermState(), te);
        }

        var rare = new RarePostings();
        var (state, te) = Seek("rare3");
        var kept = rare.Get(state, te);
        Assert.NotNull(kept);
        Assert.Equal(Enumerable.Range(0, 10).Select(k => k * 10 + 3), kept!.Docs);
        Assert.All(kept.Freqs, f => Assert.Equal(2, f));
        Assert.Equal(Enumerable.Range(0, 10).SelectMany(_ => new[] { 1, 2 }), kept.Positions!);
        Assert.Same(kept, rare.Find(state));

        // A term in more documents than the bound is not kept.
        var (commonState, commonEnum) = Seek("common");
        Assert.Null(rare.Get(commonState, commonEnum));
        Assert.Null(rare.Find(commonState));

        // When the bound on values is reached the cache starts again: the first term is no longer kept.
        var small = new RarePostings(maxValues: 2 * (RarePostings.EntryOverhead + 4));
        var (first, firstEnum) = Seek("other1");
        small.Get(first, firstEnum);
        Assert.NotNull(small.Find(first));
        for (int d = 2; d < 6; d++)
        {
            var (s, e) = Seek("other" + d);
            Assert.NotNull(small.Get(s, e));
        }
        Assert.Null(small.Find(first));
    }
}
