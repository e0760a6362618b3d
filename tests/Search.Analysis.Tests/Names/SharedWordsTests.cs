using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Search.Analysis.Names;

namespace Search.Analysis.Tests.Names;

/// <summary>
/// <see cref="SharedWords"/> reads a text's StandardTokenizer words once for the english field and the name layers: the
/// english field must get exactly the english pipeline's tokens (behind the writer's token limit), and the name layers
/// exactly what <see cref="NameIndexing.Analyze(string)"/> gives.
/// </summary>
public class SharedWordsTests
{
    private static readonly Analyzer English = AnalyzerRegistry.Default.Get(Pipelines.English).Analyzer;

    private static readonly string[] Texts =
    [
        "al-Qaeda leader Ayman al-Zawahiri and Abdul Salam met in Tel-Aviv, then 'Amman.",
        "The U.S. said on Monday it's Iran's 9/11 moment; \"Tehran\" (Teheran) and the 1970s, 1,000 $5 rooms.",
        "مدينة تهران والقذافي للدعوة والجهاد جماعة ال احرار خامنه‌ای",
        "ACME Trading Co., Ltd. — Muammar QADHAFI / Moammar Gadhafi (Kadhafi) Khamene'i Ḥūthī 東京 ひらがな カタカナ 한국어 ไทย",
        "a " + new string('x', 300) + " b " + new string('y', 260),
        "ends with a long one " + new string('z', 400),
        new string('w', 300) + " starts with a long one",
        "x-ray the the the 42 𝒜 \u0301 \u200C ﷲ ﻻ",
        "   ",
        "talks ended. abu",
    ];

    [Fact]
    public void The_english_tokens_and_the_name_tokens_are_the_pipelines_()
    {
        foreach (var text in Texts)
            AssertSame(text, int.MaxValue, "");
    }

    [Fact]
    public void The_token_limit_cuts_like_the_writer_s()
    {
        foreach (var text in Texts)
            AssertSame(text, 3, "");
    }

    [Fact]
    public void Random_text_gives_the_pipelines_tokens()
    {
        int seed = RandomInputTests.Seed;
        var random = new Random(seed);
        for (int i = 0; i < 300; i++)
            AssertSame(RandomInputTests.RandomText(random), 1000, $" (replay with SEARCH_TEST_SEED={seed}, iteration {i})");
    }

    [Fact]
    public void Streams_are_reused_only_after_the_writer_disposed_them()
    {
        var a = SharedWords.Read("Tehran said", 100)!;
        var b = SharedWords.Read("Gaddafi left", 100)!;
        Assert.NotSame(a, b);
        Assert.Equal(Expected("Tehran said", 100), Tokens(a.Stream, dispose: true));
        var c = SharedWords.Read("Qaddafi came", 100)!;
        Assert.Equal(Expected("Gaddafi left", 100), Tokens(b.Stream, dispose: true));
        Assert.Equal(Expected("Qaddafi came", 100), Tokens(c.Stream, dispose: true));
    }

    private static void AssertSame(string text, int maxTokens, string why)
    {
        var shared = SharedWords.Read(text, maxTokens);
        Assert.NotNull(shared);
        var names = NameIndexing.Analyze(shared!.Words);
        Assert.True(NameIndexing.Analyze(text).SequenceEqual(names), "name tokens differ for: " + text + why);
        var actual = Tokens(shared.Stream, dispose: true);
        var expected = Expected(text, maxTokens);
        Assert.True(expected.SequenceEqual(actual), "english tokens differ for: " + text + why + "\nexpected " + string.Join(" ", expected) + "\nactual   " + string.Join(" ", actual));
    }

    private static List<(string, int, int, int, string)> Expected(string text, int maxTokens)
    {
        using var ts = new LimitTokenCountAnalyzer(English, maxTokens).GetTokenStream("body", text);
        return Tokens(ts, dispose: false);
    }

    /// <summary>Every token's term, offsets, position increment and type, then the end state (final offset, increment) as a last row.</summary>
    private static List<(string, int, int, int, string)> Tokens(TokenStream ts, bool dispose)
    {
        var (tokens, endStart, finalOffset, endPosInc) = TokenStreamAssert.Read(ts);
        var list = tokens.Select(t => (t.Term, t.Start, t.End, t.PosInc, t.Type)).ToList();
        list.Add(("<end>", endStart, finalOffset, endPosInc, ""));
        if (dispose)
            ts.Dispose();
        return list;
    }
}
