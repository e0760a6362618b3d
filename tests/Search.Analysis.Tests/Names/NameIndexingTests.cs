using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Search.Analysis.Names;

namespace Search.Analysis.Tests.Names;

/// <summary>
/// <see cref="NameIndexing"/> feeds the name and lexicon fields from one analysis of each text: it must give
/// exactly the name pipeline's tokens of the name words (the pipeline's filter with <c>nameWordsOnly</c>), and
/// exactly the set of terms of the lexicon pipeline over them.
/// </summary>
public class NameIndexingTests
{
    private static readonly Analyzer Name = Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new NameWordTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new NameFormFilter(tokenizer, nameWordsOnly: true));
    });

    private static readonly Analyzer Lexicon = Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new NameWordTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new LexiconTermFilter(new NameFormFilter(tokenizer, nameWordsOnly: true)));
    });

    private static readonly string[] Texts =
    [
        "",
        "al-Qaeda leader Ayman al-Zawahiri and Abdul Salam met in Tel-Aviv, then 'Amman.",
        "Gholam Ali Haddad-Adel said. He left Tehran. He returned on Sunday",
        "Hezbollah and Hizb Allah, حزب‌الله, الحوثيون and the Houthis; Abdurrahman Abd al-Rahman",
        "مدينة تهران والقذافي للدعوة والجهاد جماعة ال احرار",
        "ACME Trading Co., Ltd. — Muammar QADHAFI / Moammar Gadhafi (Kadhafi) Khamene'i Ḥūthī",
        "x-ray the the the 42 1970s 𝒜 \u0301 \u200C ﷲ ﻻ",
        "the bin was full, said Osama bin Laden's aide; abdul rahman and the sheikh met Charles de Gaulle in 1,000 $5 rooms",
        "talks ended. abu",
        // Words an orthography reads from their letters as typed: the lexicon holds their rewritten forms too.
        "Teerã, Pei-ching and Meşhed; AL-Şarja; Tel-Aviv",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Name_tokens_are_the_name_pipeline_s(string text)
    {
        var expected = Tokens(Name, text);
        using var stream = NameIndexing.NameStream(NameIndexing.Analyze(text), text.Length, int.MaxValue);
        Assert.Equal(expected, Tokens(stream, text.Length));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lexicon_terms_are_the_lexicon_pipeline_s(string text)
    {
        var expected = Tokens(Lexicon, text).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        NameIndexing.AddLexiconTerms(NameIndexing.Analyze(text), terms, int.MaxValue);
        Assert.Equal(expected.Order(StringComparer.Ordinal), terms.Order(StringComparer.Ordinal));
        using var stream = NameIndexing.LexiconStream(terms);
        Assert.Equal(terms.Order(StringComparer.Ordinal), Tokens(stream, -1).Select(t => t.Term).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_token_limit_cuts_like_the_writer_s()
    {
        var text = "Gaddafi Tehran al-Qaeda Gholam Ali";
        var tokens = NameIndexing.Analyze(text);
        using var stream = NameIndexing.NameStream(tokens, text.Length, 3);
        Assert.Equal(Tokens(Name, text).Take(3), Tokens(stream, text.Length));
        var terms = new HashSet<string>(StringComparer.Ordinal);
        NameIndexing.AddLexiconTerms(tokens, terms, 2);
        Assert.Equal(Tokens(Lexicon, text).Take(2).Select(t => t.Term).Order(StringComparer.Ordinal), terms.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Random_text_gives_the_same_tokens_as_the_pipelines()
    {
        int seed = RandomInputTests.Seed;
        var random = new Random(seed);
        for (int i = 0; i < 300; i++)
        {
            var text = RandomInputTests.RandomText(random);
            var name = NameIndexing.Analyze(text);
            using var stream = NameIndexing.NameStream(name, text.Length, int.MaxValue);
            var terms = new HashSet<string>(StringComparer.Ordinal);
            NameIndexing.AddLexiconTerms(name, terms, int.MaxValue);
            var ok = Tokens(Name, text).SequenceEqual(Tokens(stream, text.Length)) &&
                Tokens(Lexicon, text).Select(t => t.Term).ToHashSet(StringComparer.Ordinal).SetEquals(terms);
            Assert.True(ok, $"NameIndexing differs from the pipelines (replay with SEARCH_TEST_SEED={seed}, iteration {i})");
        }
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var t in Texts)
            data.Add(t);
        return data;
    }

    private static List<(string Term, int Start, int End, int PosInc, string Type)> Tokens(Analyzer analyzer, string text)
    {
        using var ts = analyzer.GetTokenStream("f", text);
        return Tokens(ts, text.Length);
    }

    private static List<(string Term, int Start, int End, int PosInc, string Type)> Tokens(TokenStream ts, int finalOffset)
    {
        var (tokens, _, end, _) = TokenStreamAssert.Read(ts);
        if (finalOffset >= 0)
            Assert.Equal(finalOffset, end);
        return tokens;
    }
}
