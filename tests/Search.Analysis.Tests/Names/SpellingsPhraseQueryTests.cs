using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Analysis.Names;

namespace Search.Analysis.Tests.Names;

/// <summary>
/// <see cref="SpellingsPhraseQuery"/> must find and score exactly what a <see cref="MultiPhraseQuery"/> with the same
/// term arrays and slop finds and scores: it replaces it for the phrases of multi-word names, and ranking must not change.
/// </summary>
public class SpellingsPhraseQueryTests
{
    // Two spellings at one position are written a|b (stacked, as the name field stacks a word's forms).
    private static readonly string[] Common = ["white", "house", "said", "the", "whyte", "gaza", "strip", "white|whyte", "house|hous"];
    private static readonly string[] Rare = ["wite", "haus", "hous", "ghaza", "strype", "wite|white", "haus|house"];

    private static (Lucene.Net.Store.Directory Dir, DirectoryReader Reader) Build(int seed)
    {
        var random = new Random(seed);
        var dir = new RAMDirectory();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new StackingAnalyzer()) { Similarity = new BM25Similarity() };
        var deleted = new List<Term>();
        using (var writer = new IndexWriter(dir, config))
        {
            for (int d = 0; d < 800; d++)
            {
                var words = Enumerable.Range(0, 2 + random.Next(40)).Select(_ => Common[Math.Min(random.Next(Common.Length), random.Next(Common.Length))]).ToList();
                if (random.Next(4) == 0)
                {
                    words.Insert(random.Next(words.Count), Rare[random.Next(Rare.Length)] + " " + Rare[random.Next(Rare.Length)]);
                    if (random.Next(3) == 0)
                        deleted.Add(new Term("id", d.ToString())); // kept postings must drop deleted documents when read
                }
                writer.AddDocument(new Document { new StringField("id", d.ToString(), Field.Store.NO), new TextField("name", string.Join(' ', words), Field.Store.NO) });
                if (d % 200 == 199)
                    writer.Commit(); // several segments
            }
            writer.DeleteDocuments(Enumerable.Range(0, 800).Where(d => d % 29 == 3).Select(d => new Term("id", d.ToString())).Concat(deleted).ToArray());
            writer.Commit();
        }
        return (dir, DirectoryReader.Open(dir));
    }

    public static TheoryData<int, string, int, bool, bool> Cases => new()
    {
        { 1, "white whyte wite | house haus hous", 1, true, true },
        { 2, "white whyte wite | house haus hous", 1, false, false },
        { 3, "white wite | house hous | said", 1, true, true },
        { 4, "gaza ghaza | strip strype", 2, true, true },
        { 5, "said | white whyte", 1, true, false },
        { 6, "house haus absent | white", 1, true, true },
        { 7, "the | house hous haus | absent said", 3, true, true },
        { 8, "wite ghaza | haus hous strype", 2, true, true }, // rare spellings only: every posting kept
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Finds_and_scores_what_a_multi_phrase_query_does(int seed, string phrase, int slop, bool withStates, bool keepRare)
    {
        var (dir, reader) = Build(seed);
        using var _ = dir;
        using var __ = reader;
        Assert.True(reader.Leaves.Count > 1);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var words = phrase.Split('|').Select(w => w.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var expected = new MultiPhraseQuery { Slop = slop, Boost = 0.7f };
        foreach (var w in words)
            expected.Add(w.Select(t => new Term("name", t)).ToArray());
        var entries = words.Select(w => (IReadOnlyList<(string, TermContext?)>)w
            .Select(t => (t, withStates ? TermContext.Build(reader.Context, new Term("name", t)) : null)).ToList()).ToList();
        var rare = keepRare ? new RarePostings() : null;
        var actual = new SpellingsPhraseQuery("name", entries, slop, rare) { Boost = 0.7f };

        var want = searcher.Search(expected, reader.MaxDoc);
        if (keepRare)
            Assert.Equal(want.TotalHits, searcher.Search(actual, reader.MaxDoc).TotalHits); // reads and keeps the rare postings
        var got = searcher.Search(actual, reader.MaxDoc);
        Assert.True(want.TotalHits > 10, $"{want.TotalHits} hits");
        Assert.Equal(want.TotalHits, got.TotalHits);
        Assert.Equal(want.ScoreDocs.Select(s => (s.Doc, s.Score)), got.ScoreDocs.Select(s => (s.Doc, s.Score)));

        // Inside a conjunction and a disjunction (Advance is used), with the same clause order.
        foreach (var occur in new[] { Occur.MUST, Occur.SHOULD })
        {
            var with = new BooleanQuery { { new TermQuery(new Term("name", "said")), occur }, { actual, occur } };
            var withExpected = new BooleanQuery { { new TermQuery(new Term("name", "said")), occur }, { expected, occur } };
            Assert.Equal(searcher.Search(withExpected, reader.MaxDoc).ScoreDocs.Select(s => (s.Doc, s.Score)),
                searcher.Search(with, reader.MaxDoc).ScoreDocs.Select(s => (s.Doc, s.Score)));
        }

        // Explain agrees with the score.
        var top = got.ScoreDocs[0];
        Assert.Equal(top.Score, searcher.Explain(actual, top.Doc).Value, 4);
    }

    [Fact]
    public void Takes_only_phrases_without_a_repeated_term()
    {
        Assert.True(SpellingsPhraseQuery.Takes([["white", "whyte"], ["house"]]));
        Assert.False(SpellingsPhraseQuery.Takes([["white", "whyte"], ["whyte", "house"]]));
        Assert.False(SpellingsPhraseQuery.Takes([["white", "white"], ["house"]]));
        Assert.False(SpellingsPhraseQuery.Takes([["white"]]));
        Assert.False(SpellingsPhraseQuery.Takes([["white"], []]));
    }

    /// <summary>Whitespace tokens; <c>a|b</c> gives <c>a</c> and <c>b</c> at one position.</summary>
    private sealed class StackingAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new WhitespaceTokenizer(LuceneVersion.LUCENE_48, reader);
            return new TokenStreamComponents(tokenizer, new StackFilter(tokenizer));
        }
    }

    private sealed class StackFilter : TokenFilter
    {
        private readonly ICharTermAttribute term;
        private readonly IPositionIncrementAttribute increment;
        private readonly Queue<string> pending = new();

        public StackFilter(TokenStream input) : base(input)
        {
            term = AddAttribute<ICharTermAttribute>();
            increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            if (pending.Count > 0)
            {
                term.SetEmpty().Append(pending.Dequeue());
                increment.PositionIncrement = 0;
                return true;
            }
            if (!m_input.IncrementToken())
                return false;
            var parts = term.ToString().Split('|');
            foreach (var p in parts.Skip(1))
                pending.Enqueue(p);
            term.SetEmpty().Append(parts[0]);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            pending.Clear();
        }
    }
}
