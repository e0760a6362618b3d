using Lucene.Net.Analysis.TokenAttributes;

namespace Search.Analysis;

/// <summary>One token a pipeline produced: its term, where it came from in the text, and its position.</summary>
/// <param name="Term">The indexed term.</param>
/// <param name="Start">The start offset of the source text (UTF-16 code units).</param>
/// <param name="End">The end offset of the source text (exclusive).</param>
/// <param name="Position">The 0-based token position (several tokens may share one: synonyms, variants).</param>
/// <param name="Type">The token type the tokenizer gave (e.g. <c>&lt;ALPHANUM&gt;</c>).</param>
public sealed record InspectedToken(string Term, int Start, int End, int Position, string Type);

/// <summary>
/// Runs text through a pipeline and reports every token, for people who wonder why something matched
/// (the search page's analysis view, <c>/api/analyze</c>).
/// </summary>
public static class TokenInspector
{
    /// <summary>The tokens <paramref name="chain"/> makes of <paramref name="text"/>, at most <paramref name="maxTokens"/>.</summary>
    public static IReadOnlyList<InspectedToken> Inspect(AnalysisChain chain, string text, int maxTokens = 1_000)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<InspectedToken>();
        using var ts = chain.Analyzer.GetTokenStream(chain.Name, text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        var offset = ts.AddAttribute<IOffsetAttribute>();
        var posInc = ts.AddAttribute<IPositionIncrementAttribute>();
        var type = ts.AddAttribute<ITypeAttribute>();
        ts.Reset();
        int position = -1;
        while (tokens.Count < maxTokens && ts.IncrementToken())
        {
            position += posInc.PositionIncrement;
            tokens.Add(new InspectedToken(term.ToString(), offset.StartOffset, offset.EndOffset, Math.Max(position, 0), type.Type));
        }
        ts.End();
        return tokens;
    }
}
