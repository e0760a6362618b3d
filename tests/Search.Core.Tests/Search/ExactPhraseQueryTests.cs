using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Querying;
using static Search.Core.Tests.Search.NameAndStemQueryTests;

namespace Search.Core.Tests.Search;

/// <summary>
/// Plans search an exact phrase with a query of their own over the terms' cached states: it must find, count and score
/// exactly what Lucene's <see cref="PhraseQuery"/> gives, on every document, including the cases Lucene's exact phrase
/// scorer treats specially (a phrase start before the document's first position, a term twice at one position, a term
/// twice in the phrase, positions beyond its 4096-position chunks).
/// </summary>
public sealed class ExactPhraseQueryTests
{
    /// <summary>Each document's tokens of the body, as (term, position increment); two segments, one document deleted.</summary>
    private static readonly (string Term, int Increment)[][] Documents =
    [
        Words("white house said the white house"),              // twice
        Words("house white"),
        Words("the white house"),
        Words("white white house house"),
        // segment two
        [("white", 1), ("white", 0), ("house", 1)],            // "white" twice at one position
        [.. Filler(4095), .. Words("white house"), .. Filler(3), .. Words("white house"), .. Filler(5000), .. Words("said white house")],
        Words("white house"),                                    // deleted
        Words("house"),
        [("white", 1), ("house", 2), ("said", 1)],              // a gap, as a removed stop word leaves
    ];

    private static (string, int)[] Words(string text) => text.Split(' ').Select(w => (w, 1)).ToArray();

    private static IEnumerable<(string, int)> Filler(int count) => Enumerable.Range(0, count).Select(i => ("w" + (i % 7), 1));

    private static DirectoryReader Index(RAMDirectory dir)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48)) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(dir, config))
        {
            for (int i = 0; i < Documents.Length; i++)
            {
                writer.AddDocument(new Document
                {
                    new StringField("id", "d" + i, Field.Store.NO),
                    new TextField("body", new Tokens(Documents[i])),
                });
                if (i == 3)
                    writer.Commit();
            }
            writer.DeleteDocuments(new Term("id", "d6"));
        }
        return DirectoryReader.Open(dir);
    }

    public static TheoryData<string, int[]> Phrases => new()
    {
        // terms, their positions in the phrase
        { "white house", [0, 1] },
        { "white house", [1, 2] },          // as after a leading stop word: a start at -1 in "white house..." is no match
        { "house white", [0, 1] },
        { "white white", [0, 1] },          // a term twice
        { "white house house", [0, 1, 2] },
        { "white house said", [0, 1, 2] },  // "said" in both segments, the phrase in one document of each
        { "white said", [0, 2] },           // a gap in the phrase
        { "house said", [0, 1] },
        { "white absent", [0, 1] },         // a term in no segment
        { "w3 w4 w5", [0, 1, 2] },          // many times in one long document
    };

    [Theory]
    [MemberData(nameof(Phrases))]
    public void It_finds_counts_and_scores_as_lucenes_phrase(string words, int[] positions)
    {
        using var dir = new RAMDirectory();
        using var reader = Index(dir);
        Assert.Equal(2, reader.Leaves.Count);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var phrase = Phrase(words, positions, boost: 1.5f);
        var ours = new ExactPhraseQuery(phrase, t => TermContext.Build(reader.Context, t));

        AssertSame(searcher, phrase, ours);
        Assert.Equal(phrase.ToString(), ours.ToString());
        // Every live document: the same explanation (match, phrase frequency, score).
        for (int doc = 0; doc < reader.MaxDoc; doc++)
        {
            var expected = searcher.Explain(phrase, doc);
            var actual = searcher.Explain(ours, doc);
            Assert.Equal(expected.IsMatch, actual.IsMatch);
            Assert.Equal(expected.Value, actual.Value);
            Assert.Equal(expected.ToString(), actual.ToString());
        }
        // Advanced rather than stepped, as a clause of a conjunction, and excluded.
        var other = new TermQuery(new Term("body", "white"));
        AssertSame(searcher,
            new BooleanQuery { { phrase, Occur.MUST }, { other, Occur.MUST } },
            new BooleanQuery { { ours, Occur.MUST }, { other, Occur.MUST } });
        AssertSame(searcher,
            new BooleanQuery { { other, Occur.MUST }, { phrase, Occur.MUST_NOT } },
            new BooleanQuery { { other, Occur.MUST }, { ours, Occur.MUST_NOT } });
    }

    [Fact]
    public void It_counts_every_occurrence_of_the_phrase()
    {
        using var dir = new RAMDirectory();
        using var reader = Index(dir);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var ours = new ExactPhraseQuery(Phrase("white house", [0, 1]), t => TermContext.Build(reader.Context, t));
        static IEnumerable<Explanation> All(Explanation e) => new[] { e }.Concat((e.GetDetails() ?? []).SelectMany(All));
        string Frequency(int doc) => All(searcher.Explain(ours, doc)).Single(d => d.Description.StartsWith("phraseFreq=", StringComparison.Ordinal)).Description;
        // d0 twice; d3 "white white house house" once; d4 a position held twice by "white" counts once; d5 three times.
        Assert.Equal("phraseFreq=2", Frequency(0));
        Assert.Equal("phraseFreq=1", Frequency(3));
        Assert.Equal("phraseFreq=1", Frequency(4));
        Assert.Equal("phraseFreq=3", Frequency(5));
        Assert.False(searcher.Explain(ours, 1).IsMatch);   // "house white"
        Assert.False(searcher.Explain(ours, 6).IsMatch);   // deleted
    }

    [Fact]
    public void States_of_another_reader_are_looked_up_again()
    {
        using var dir = new RAMDirectory();
        using var reader = Index(dir);
        using var other = new RAMDirectory();
        using (var writer = new IndexWriter(other, new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48))))
            writer.AddDocument(new Document { new TextField("body", "white house", Field.Store.NO) });
        using var otherReader = DirectoryReader.Open(other);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var phrase = Phrase("white house", [0, 1]);
        AssertSame(searcher, phrase, new ExactPhraseQuery(phrase, t => TermContext.Build(otherReader.Context, t)));
    }

    [Fact]
    public void Plans_attach_states_to_exact_phrases_only()
    {
        using var dir = new RAMDirectory();
        using var reader = Index(dir);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var exact = Phrase("white house", [0, 1], boost: 2f);
        var sloppy = Phrase("white house", [0, 1]);
        sloppy.Slop = 2;
        var query = new BooleanQuery { { exact, Occur.SHOULD }, { sloppy, Occur.SHOULD }, { new TermQuery(new Term("body", "said")), Occur.MUST } };

        var attached = (BooleanQuery)TermStates.Attach(query, reader);

        var made = Assert.IsType<ExactPhraseQuery>(attached.Clauses[0].Query);
        Assert.Equal(2f, made.Boost);
        Assert.Same(sloppy, attached.Clauses[1].Query);
        Assert.Equal(query.ToString(), attached.ToString());
        AssertSame(searcher, query, attached);
    }

    private static PhraseQuery Phrase(string words, int[] positions, float boost = 1f)
    {
        var phrase = new PhraseQuery { Boost = boost };
        var terms = words.Split(' ');
        for (int i = 0; i < terms.Length; i++)
            phrase.Add(new Term("body", terms[i]), positions[i]);
        return phrase;
    }

    /// <summary>Tokens as given: each term with its position increment.</summary>
    private sealed class Tokens : TokenStream
    {
        private readonly (string Term, int Increment)[] tokens;
        private readonly ICharTermAttribute term;
        private readonly IPositionIncrementAttribute increment;
        private int next;

        public Tokens((string Term, int Increment)[] tokens)
        {
            this.tokens = tokens;
            term = AddAttribute<ICharTermAttribute>();
            increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            if (next >= tokens.Length)
                return false;
            ClearAttributes();
            term.SetEmpty().Append(tokens[next].Term);
            increment.PositionIncrement = tokens[next].Increment;
            next++;
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            next = 0;
        }
    }
}
