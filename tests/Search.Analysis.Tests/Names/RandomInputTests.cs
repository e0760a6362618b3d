using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Search.Analysis.Tests.Names;

/// <summary>
/// Seeded random text through every chain: it must never throw, and offsets must stay monotonic and inside
/// the input. The seed is printed on failure; set SEARCH_TEST_SEED to replay one.
/// </summary>
public class RandomInputTests
{
    private static readonly string[] Pieces =
    [
        "al-", "el ", "Abd ", "Abdul", "ال", "عبد", "\u200C", "\u0640", "\u064E", "\u0651", "ة", "ى", "ی", "ک", "ٱ", "أ", "ئ", "ؤ",
        "Qaddafi", "Khamene'i", "Ḥūthī", "تهران", "خامنه", "ای", "-", "'", "’", "ʿ", " ", "  ", "\t", "\n", ".", ",", "e", "i",
        "Ltd", "CO.", "x", "ẗ", "ۀ", "ە", "ڵ", "ځ", "𝒜", "\uD83D\uDE00", "\u0301", "0", "42", "ﷲ", "ﻻ", "Gholam", "Ali", "ud", "DIN",
    ];

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("SEARCH_TEST_SEED"), out var s) ? s : Environment.TickCount;

    internal static string RandomText(Random random)
    {
        var sb = new StringBuilder();
        int n = random.Next(0, 30);
        for (int i = 0; i < n; i++)
        {
            if (random.Next(6) == 0)
                sb.Append((char)random.Next(0x20, 0x7FF));
            else
                sb.Append(Pieces[random.Next(Pieces.Length)]);
        }
        return sb.ToString();
    }

    [Fact]
    public void Random_text_never_breaks_a_chain()
    {
        int seed = Seed;
        var random = new Random(seed);
        var analyzers = AnalyzerRegistry.Default.Chains.ToList();
        for (int iteration = 0; iteration < 400; iteration++)
        {
            var text = RandomText(random);
            foreach (var chain in analyzers)
            {
                try
                {
                    Check(chain.Analyzer, text, chain.Name is Pipelines.Name or Pipelines.Lexicon);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException(
                        $"chain '{chain.Name}' failed on random input (replay with SEARCH_TEST_SEED={seed}, iteration {iteration}): " +
                        $"\"{Escape(text)}\": {e.Message}");
                }
            }
        }
    }

    private static void Check(Analyzer analyzer, string text, bool nameChain)
    {
        using var ts = analyzer.GetTokenStream("f", new StringReader(text));
        var offset = ts.AddAttribute<IOffsetAttribute>();
        var posInc = ts.AddAttribute<IPositionIncrementAttribute>();
        var term = ts.AddAttribute<ICharTermAttribute>();
        ts.Reset();
        int lastStart = 0, tokens = 0;
        while (ts.IncrementToken())
        {
            Assert.True(offset.StartOffset >= lastStart, $"start offset went backwards at '{term}'");
            Assert.True(offset.EndOffset >= offset.StartOffset && offset.EndOffset <= text.Length, $"offsets {offset.StartOffset}-{offset.EndOffset} outside the input at '{term}'");
            Assert.True(posInc.PositionIncrement >= 0, "negative position increment");
            Assert.True(tokens > 0 || posInc.PositionIncrement > 0, "first token at position increment 0");
            Assert.True(!nameChain || term.Length > 0, "empty term");
            lastStart = offset.StartOffset;
            tokens++;
        }
        ts.End();
        Assert.Equal(text.Length, offset.EndOffset);
    }

    private static string Escape(string s) =>
        string.Concat(s.Select(c => c < 32 || c > 126 ? $"\\u{(int)c:X4}" : c.ToString()));
}
