using Search.Analysis.Names;

namespace Search.Analysis.Tests.Names;

/// <summary>Articles, connectors, compounds and joins, each alone (pure logic, no Lucene).</summary>
public class NameSequenceTests
{
    private static string[] Mains(string text) => NameSequence.Process(NameMatcher.Tokenize(text))
        .Where(t => t.Kind == NameTokenKind.Main).Select(t => t.Form).ToArray();

    private static string[] Of(string text, NameTokenKind kind) => NameSequence.Process(NameMatcher.Tokenize(text))
        .Where(t => t.Kind == kind).Select(t => t.Form).ToArray();

    [Theory]
    [InlineData("al-Qaeda", "qaeda")]
    [InlineData("AL QAEDA", "qaeda")]
    [InlineData("el-Sisi", "sisi")]
    [InlineData("ash-Shabaab", "shabaab")]      // sun letter: ash- before sh
    [InlineData("ad-Din", "din")]
    [InlineData("القاعدة", "qāʿdẗ")]
    [InlineData("Le Caire", "caire")]           // Romance article of an exonym
    public void The_article_is_taken_off_the_main_form(string text, string main) => Assert.Equal([main], Mains(text));

    [Fact]
    public void The_article_form_is_kept_at_the_same_position()
    {
        var tokens = NameSequence.Process(NameMatcher.Tokenize("al-Qaeda")).Where(t => t.Kind != NameTokenKind.Raw);
        Assert.Equal([("qaeda", NameTokenKind.Main, 1), ("alqaeda", NameTokenKind.Article, 0)],
            tokens.Select(t => (t.Form, t.Kind, t.PositionIncrement)).ToArray());
    }

    [Fact]
    public void An_assimilated_article_needs_its_consonant_next() =>
        Assert.Equal(["as", "hamas"], Mains("as Hamas"));   // "as" before h is an English word, not as-

    [Theory]
    [InlineData("Abdul Salam")]
    [InlineData("Abd al-Salam")]
    [InlineData("Abdulsalam")]
    [InlineData("Abdussalam")]                  // sun-letter assimilation doubles the s
    [InlineData("ABD-AL-SALAM")]
    public void Abd_compounds_split_the_same_way(string text) => Assert.Equal(["abd", "salam"], Mains(text));

    [Theory]
    [InlineData("حزب‌الله")]                    // joined with ZWNJ
    [InlineData("حزب الله")]                    // split
    public void Arabic_join_points_give_the_parts_and_the_joined_word(string text)
    {
        Assert.Equal(["ḥzb", "lh"], Mains(text));
        Assert.Equal(["ḥzbllh"], Of(text, NameTokenKind.Joined));
    }

    [Fact]
    public void A_heh_before_zwnj_is_the_vowel_e_in_the_joined_word()
    {
        Assert.Equal(["ḫāmnh", "āī"], Mains("خامنه‌ای"));
        Assert.Equal(["ḫāmnėāī"], Of("خامنه‌ای", NameTokenKind.Joined));
        // A heh and a space are two words: the join keeps the consonant.
        Assert.Equal(["ḫāmnhāī"], Of("خامنه ای", NameTokenKind.Joined));
    }

    [Fact]
    public void Two_capitalised_words_one_short_are_also_joined() =>
        Assert.Equal(["gholamali"], Of("Gholam Ali", NameTokenKind.Joined));

    [Fact]
    public void Long_or_lower_case_neighbours_are_not_joined()
    {
        Assert.Empty(Of("Muammar Gaddafi", NameTokenKind.Joined));
        Assert.Empty(Of("the man", NameTokenKind.Joined));
    }

    [Theory]
    [InlineData("Ansar-e Hezbollah", new[] { "ansar", "hezb", "lah" })]   // ezafe; -ullah compound
    [InlineData("Ansar-i Hizbullah", new[] { "ansar", "hizb", "lah" })]
    [InlineData("Hizb Allah", new[] { "hizb", "lah" })]
    [InlineData("Jamilah Silsilah", new[] { "jamilah", "silsilah" })]     // -ilah with one l is no Allah compound
    [InlineData("SK KONSOL-STROI LTD, OOO", new[] { "sk", "konsol", "stroi" })]  // legal forms are generic words
    [InlineData("al-Ḥūthiyyūn", new[] { "huthi" })]                     // nisba plural
    [InlineData("الحوثيون", new[] { "ḥūṯī" })]
    [InlineData("al-Huthiyin", new[] { "huthi" })]
    [InlineData("Hüseyin", new[] { "huseyin" })]                         // ends like a plural, is not one
    public void Connectors_compounds_generic_words_and_plurals(string text, string[] mains) => Assert.Equal(mains, Mains(text));

    [Fact]
    public void Empty_and_punctuation_only_input_give_no_tokens()
    {
        Assert.Empty(NameSequence.Process([]));
        Assert.Empty(NameSequence.Process(NameMatcher.Tokenize("- ' ‘ … ")));
    }
}
