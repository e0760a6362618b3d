using Lucene.Net.Analysis.TokenAttributes;
using Search.Analysis;

namespace Search.Analysis.Tests;

public class ExactChainTests
{
    private static List<(string Term, int Start, int End, int PosInc)> Tokens(string text)
    {
        var analyzer = AnalyzerRegistry.Default.Get(Pipelines.Exact).Analyzer;
        var tokens = new List<(string, int, int, int)>();
        for (int pass = 0; pass < 2; pass++) // the second pass reuses the components
        {
            tokens.Clear();
            using var ts = analyzer.GetTokenStream("exact", text);
            var term = ts.AddAttribute<ICharTermAttribute>();
            var offset = ts.AddAttribute<IOffsetAttribute>();
            var posInc = ts.AddAttribute<IPositionIncrementAttribute>();
            ts.Reset();
            while (ts.IncrementToken())
                tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset, posInc.PositionIncrement));
            ts.End();
            Assert.Equal(text.Length, offset.EndOffset); // final offset
        }
        return tokens;
    }

    [Fact]
    public void Keeps_case_accents_apostrophes_and_inner_hyphens()
    {
        Assert.Equal(
            [("Khamene'i", 0, 9, 1), ("Tel-Aviv", 10, 18, 1), ("Téhéran", 19, 26, 1), ("Karbala'", 27, 35, 1), ("QADHAFI", 36, 43, 1)],
            Tokens("Khamene'i Tel-Aviv Téhéran Karbala' QADHAFI"));
    }

    [Fact]
    public void Drops_sentence_punctuation_and_the_english_possessive()
    {
        Assert.Equal(
            [("Iran", 1, 7, 1), ("U.S", 9, 12, 1), ("talks", 15, 20, 1)],
            Tokens("(Iran's) U.S. \"talks\"."));
    }

    [Fact]
    public void Keeps_arabic_script_words_with_their_zero_width_non_joiner()
    {
        Assert.Equal([("خامنه\u200cای", 0, 8, 1), ("حزب", 9, 12, 1), ("الله", 13, 17, 1)], Tokens("خامنه\u200cای حزب الله،"));
    }
}
