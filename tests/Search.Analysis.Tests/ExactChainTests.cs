using Lucene.Net.Analysis;
using static Search.Analysis.Tests.TokenStreamAssert;

namespace Search.Analysis.Tests;

/// <summary>The exact pipeline: words as written, through the full token-stream contract.</summary>
public class ExactChainTests
{
    private static readonly Analyzer Exact = AnalyzerRegistry.Default.Get(Pipelines.Exact).Analyzer;

    [Fact]
    public void Keeps_case_accents_apostrophes_and_inner_hyphens()
    {
        AssertAnalyzesTo(Exact, "Khamene'i Tel-Aviv Téhéran Karbala' QADHAFI",
            ["Khamene'i", "Tel-Aviv", "Téhéran", "Karbala'", "QADHAFI"],
            startOffsets: [0, 10, 19, 27, 36], endOffsets: [9, 18, 26, 35, 43], positionIncrements: [1, 1, 1, 1, 1]);
    }

    [Fact]
    public void Drops_sentence_punctuation_and_the_english_possessive()
    {
        AssertAnalyzesTo(Exact, "(Iran's) U.S. \"talks\".",
            ["Iran", "U", "S", "talks"], startOffsets: [1, 9, 11, 15], endOffsets: [7, 10, 12, 20]);
    }

    [Fact]
    public void Keeps_arabic_script_words_with_their_zero_width_non_joiner()
    {
        AssertAnalyzesTo(Exact, "خامنه\u200cای حزب الله،",
            ["خامنه\u200cای", "حزب", "الله"], startOffsets: [0, 9, 13], endOffsets: [8, 12, 17]);
    }

    [Fact]
    public void Streams_long_text_in_linear_time()
    {
        // A regex tokenizer that re-read the whole text per token took minutes on a 3 MB body; this finishes at once.
        var text = string.Concat(Enumerable.Repeat("Tehran oil prices rose; ", 40_000));
        var tokens = Tokens(Exact, text);
        Assert.Equal(160_000, tokens.Count);
        Assert.Equal(("rose", text.Length - 6, text.Length - 2), (tokens[^1].Term, tokens[^1].Start, tokens[^1].End));
    }
}
