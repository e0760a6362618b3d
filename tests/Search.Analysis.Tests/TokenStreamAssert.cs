using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Search.Analysis.Tests;

/// <summary>
/// A small xunit equivalent of Lucene's BaseTokenStreamTestCase.AssertTokenStreamContents / AssertAnalyzesTo:
/// checks terms, offsets, position increments and types, that no extra token follows, the final offset after
/// End(), that ClearAttributes is called before each token, and that reusing the analyzer gives the same result.
/// </summary>
public static class TokenStreamAssert
{
    /// <summary>Checks the whole token-stream contract of <paramref name="ts"/>.</summary>
    public static void AssertTokenStreamContents(
        TokenStream ts,
        string[] terms,
        int[]? startOffsets = null,
        int[]? endOffsets = null,
        int[]? positionIncrements = null,
        string[]? types = null,
        int? finalOffset = null,
        string? because = null)
    {
        var term = ts.AddAttribute<ICharTermAttribute>();
        var offset = ts.AddAttribute<IOffsetAttribute>();
        var posInc = ts.AddAttribute<IPositionIncrementAttribute>();
        var type = ts.AddAttribute<ITypeAttribute>();
        var check = ts.AddAttribute<ICheckClearAttributesAttribute>();
        string Where(int i) => $"{because}{(because is null ? "" : ": ")}token {i}";
        try
        {
            Check();
        }
        finally
        {
            // Always close, so a failed check does not leave the reused components unusable for the next test.
            ts.Dispose();
        }

        void Check()
        {
        ts.Reset();
        int lastStart = 0;
        for (int i = 0; i < terms.Length; i++)
        {
            // A value that a forgotten ClearAttributes would leak into the next token.
            term.SetEmpty().Append("bogusTerm");
            offset.SetOffset(14584724, 24683243);
            posInc.PositionIncrement = 45987657;
            type.Type = "bogusType";
            check.GetAndResetClearCalled();
            Assert.True(ts.IncrementToken(), $"{Where(i)}: the stream ended early; expected '{terms[i]}'");
            Assert.True(check.GetAndResetClearCalled(), $"{Where(i)}: ClearAttributes() was not called before the token");
            Assert.Equal(terms[i], term.ToString());
            if (startOffsets != null)
                Assert.True(startOffsets[i] == offset.StartOffset, $"{Where(i)} '{terms[i]}': start offset {offset.StartOffset}, expected {startOffsets[i]}");
            if (endOffsets != null)
                Assert.True(endOffsets[i] == offset.EndOffset, $"{Where(i)} '{terms[i]}': end offset {offset.EndOffset}, expected {endOffsets[i]}");
            if (positionIncrements != null)
                Assert.True(positionIncrements[i] == posInc.PositionIncrement, $"{Where(i)} '{terms[i]}': position increment {posInc.PositionIncrement}, expected {positionIncrements[i]}");
            if (types != null)
                Assert.True(types[i] == type.Type, $"{Where(i)} '{terms[i]}': type {type.Type}, expected {types[i]}");
            Assert.True(offset.StartOffset >= 0 && offset.EndOffset >= offset.StartOffset, $"{Where(i)}: bad offsets {offset.StartOffset}-{offset.EndOffset}");
            Assert.True(offset.StartOffset >= lastStart, $"{Where(i)}: start offset went backwards ({offset.StartOffset} < {lastStart})");
            lastStart = offset.StartOffset;
            if (i == 0)
                Assert.True(posInc.PositionIncrement >= 1, $"{Where(i)}: the first token must have a position increment of at least 1");
        }
        Assert.False(ts.IncrementToken(), $"{because}: an extra token '{term}' after the expected {terms.Length}");
        ts.End();
        if (finalOffset != null)
            Assert.True(finalOffset == offset.EndOffset, $"{because}: final offset after End() is {offset.EndOffset}, expected {finalOffset}");
        }
    }

    /// <summary>Analyzes <paramref name="input"/> twice (the second time reusing the components) and checks both.</summary>
    public static void AssertAnalyzesTo(
        Analyzer analyzer,
        string input,
        string[] terms,
        int[]? startOffsets = null,
        int[]? endOffsets = null,
        int[]? positionIncrements = null,
        string[]? types = null)
    {
        for (int round = 0; round < 2; round++)
        {
            var ts = analyzer.GetTokenStream("f", new StringReader(input));
            AssertTokenStreamContents(ts, terms, startOffsets, endOffsets, positionIncrements, types, input.Length,
                round == 0 ? $"'{input}'" : $"'{input}' (reused)");
        }
    }

    /// <summary>The tokens of <paramref name="input"/>: term, start, end, position increment, type.</summary>
    public static List<(string Term, int Start, int End, int PosInc, string Type)> Tokens(Analyzer analyzer, string input)
    {
        using var ts = analyzer.GetTokenStream("f", new StringReader(input));
        return Read(ts).Tokens;
    }

    /// <summary>
    /// Reads a token stream through (reset, every token, end; not disposed): each token's term, start, end, position
    /// increment and type, and the end state (the offsets and position increment after <c>End</c>).
    /// </summary>
    public static (List<(string Term, int Start, int End, int PosInc, string Type)> Tokens, int EndStart, int FinalOffset, int EndPosInc) Read(TokenStream ts)
    {
        var term = ts.AddAttribute<ICharTermAttribute>();
        var offset = ts.AddAttribute<IOffsetAttribute>();
        var posInc = ts.AddAttribute<IPositionIncrementAttribute>();
        var type = ts.AddAttribute<ITypeAttribute>();
        var result = new List<(string, int, int, int, string)>();
        ts.Reset();
        while (ts.IncrementToken())
            result.Add((term.ToString(), offset.StartOffset, offset.EndOffset, posInc.PositionIncrement, type.Type));
        ts.End();
        return (result, offset.StartOffset, offset.EndOffset, posInc.PositionIncrement);
    }
}
