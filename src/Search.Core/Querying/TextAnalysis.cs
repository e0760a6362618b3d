using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Search.Querying;

/// <summary>A token of analysed query text: its term and how far it moves the position.</summary>
internal readonly record struct AnalyzedToken(string Term, int PositionIncrement);

/// <summary>Runs text through a field's analyzer, the same one the index used for that field.</summary>
internal static class TextAnalysis
{
    public static List<AnalyzedToken> Analyze(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<AnalyzedToken>();
        using var ts = analyzer.GetTokenStream(field, text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        var posInc = ts.AddAttribute<IPositionIncrementAttribute>();
        ts.Reset();
        while (ts.IncrementToken())
            tokens.Add(new AnalyzedToken(term.ToString(), posInc.PositionIncrement));
        ts.End();
        return tokens;
    }
}
