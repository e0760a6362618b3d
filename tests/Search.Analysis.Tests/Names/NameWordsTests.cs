using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Search.Analysis.Names;
using static Search.Analysis.Tests.TokenStreamAssert;

namespace Search.Analysis.Tests.Names;

/// <summary>
/// The name layers are indexed for the words that can be part of a name only (<see cref="NameSequence.NameWords"/>):
/// plain lower-case words give no name token but keep their positions, so the tokens that are indexed stand where
/// the full name pipeline puts them and phrases of names still line up.
/// </summary>
public class NameWordsTests
{
    // The name field as documents are indexed: the name pipeline's filter with nameWordsOnly.
    private static readonly Analyzer Indexed = Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new NameWordTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new NameFormFilter(tokenizer, nameWordsOnly: true));
    });

    private static readonly Analyzer Full = AnalyzerRegistry.Default.Get(Pipelines.Name).Analyzer;

    [Fact]
    public void Running_text_keeps_the_capitalised_words_and_a_particle_between_them_at_their_positions() =>
        AssertAnalyzesTo(Indexed, "Officials said Osama bin Laden fled to the mountains",
            ["officials", "osama", "bin", "laden"],
            [0, 15, 21, 25],
            [9, 20, 24, 30],
            [1, 2, 1, 1]);

    [Fact]
    public void A_particle_is_indexed_only_next_to_a_name_word()
    {
        AssertAnalyzesTo(Indexed, "the bin was full", [], [], [], [], []);
        AssertAnalyzesTo(Indexed, "the sheikh met Charles de Gaulle",
            ["sheikh", "charles", "de", "gaulle"],
            [4, 15, 23, 26],
            [10, 22, 25, 32],
            [1, 2, 1, 1]);
    }

    [Fact]
    public void An_article_written_apart_in_lower_case_still_attaches_to_the_name() =>
        AssertAnalyzesTo(Indexed, "leader of al Qaeda",
            ["qaeda", "alqaeda"],
            [10, 10],
            [18, 18],
            [2, 0]);

    [Fact]
    public void Quotes_guillemets_mail_quoting_and_Arabic_punctuation_make_no_name_word_and_no_raw_chunk()
    {
        // A plain word in curly quotes or after a mail quote sign is a plain word; a name with Arabic punctuation or
        // guillemets around it is its exact-field word: no raw chunk repeats it.
        AssertAnalyzesTo(Indexed, "he “said” >that *now*", [], [], [], [], []);
        AssertAnalyzesTo(Indexed, "«طهران»، “Tehran,” >Clinton",
            ["ṭhrān", "tehran", "clinton"],
            [1, 10, 20],
            [6, 16, 27],
            [1, 1, 1],
            ["name/main/arab", "name/main/latn", "name/main/latn"]);
        // A sign the exact field splits at is still kept as written, inside the quotes.
        Assert.Contains(Terms(Indexed, "“U.S.”"), t => t.Term == "=“U.S.”");
    }

    [Fact]
    public void Numbers_and_plain_words_give_no_name_token()
    {
        var mains = Mains(Indexed, "Prices rose 1,000 points to $5 on 12 May, traders said.");
        Assert.Equal(["prices", "may"], mains);
        Assert.DoesNotContain(Terms(Indexed, "Prices rose 1,000 points to $5 on 12 May"), t => t.Term.StartsWith("=1") || t.Term.StartsWith("=$"));
    }

    [Fact]
    public void A_lower_case_hyphenated_compound_is_no_name_word_but_a_hyphenated_name_is()
    {
        // A hyphen between plain lower-case parts is an English compound, not a sign of a name.
        AssertAnalyzesTo(Indexed, "a privately-held, long-running firm", [], [], [], [], []);
        // With a capital, an apostrophe or an accent the chunk still makes name words, joined across the hyphen.
        var mains = Mains(Indexed, "the pro-Iranian al-Qaeda cell in Shang-hai");
        Assert.Contains("iranian", mains);
        Assert.Contains("qaeda", mains);
        Assert.Contains(Terms(Indexed, "in Shang-hai today"), t => t.Term == "shanghai");
        Assert.Contains(Terms(Indexed, "Sana'a-based"), t => t.Term == "sanaa");
    }

    [Theory]
    [InlineData("IRAN SAYS TALKS WITH U.S. OVER")]                          // a Reuters headline: every word is capitalised
    [InlineData("Muammar al-Qaddafi, Abdul Rahman and Saif al-Islam")]
    [InlineData("مذاکرات تهران ادامه یافت")]                             // Arabic script: every word but a function word
    public void Text_of_name_words_only_is_indexed_whole(string text) =>
        Assert.Equal(Terms(Full, text), Terms(Indexed, text));

    [Fact]
    public void Arabic_script_function_words_are_left_out_and_keep_their_positions() =>
        // در "in" and دارد "has" are function words (function-words.txt): no name word, as a plain lower-case Latin word.
        Assert.Equal(Terms(Full, "مذاکرات در تهران ادامه دارد").Where(t => t.Term is not ("dr" or "dārd")), Terms(Indexed, "مذاکرات در تهران ادامه دارد"));

    [Fact]
    public void Every_indexed_token_is_a_pipeline_token_at_the_same_position()
    {
        int seed = RandomInputTests.Seed;
        var random = new Random(seed);
        var texts = new List<string>
        {
            "Iran's president said on Sunday that Tehran rejected direct talks; the sheikh and Abu Bakr al-Baghdadi were not there.",
            "abdul rahman said. He left Tehran-based al-Qaeda's office in Gaza, then 'Amman, with van der Berg",
            // plain words that are compounds, generic words, articles, ezafe or nisba plurals when left out
            "Iran and the abdul rahman abdulrahman hezbollah allah nasrallah huthiyyun of ltd an at as e i ye Tehran as-Sadr an Nasr 2024 1,000",
            // a chunk with no word of its own (an ezafe with a mark, an emoji) before a word left out (seed 40427995)
            "Ali i\u064E\U0001F600 0 Qaddafi",
            // a chunk whose only word makes no part (CO, a generic word) before a word left out, and a trailing chunk after
            // one (seeds 70 and 159)
            "CO.\u064E.\u064E\t.42\u200C",
            "\U0001D49C\u00F2,CO.\t0",
        };
        for (int i = 0; i < 200; i++)
            texts.Add(RandomInputTests.RandomText(random));
        foreach (var text in texts)
        {
            var full = Terms(Full, text).ToHashSet();
            var indexed = Terms(Indexed, text);
            var missing = indexed.Where(t => !full.Contains(t)).ToList();
            Assert.True(missing.Count == 0,
                $"indexed tokens not in the pipeline at their position (replay with SEARCH_TEST_SEED={seed}): {string.Join(", ", missing)} in '{text}'");
        }
    }

    [Fact]
    public void Plain_running_text_gives_far_fewer_name_tokens()
    {
        const string text = "The central bank said on Tuesday it would keep interest rates on hold as inflation eased, " +
            "while Finance Minister Ali Akbar Salehi told reporters in Tehran that the economy would grow.";
        Assert.Equal(["tuesday", "finance", "minister", "ali", "akbar", "salehi", "tehran"], Mains(Indexed, text));
        Assert.True(Terms(Indexed, text).Count * 2 < Terms(Full, text).Count);
    }

    private static string[] Mains(Analyzer analyzer, string text) =>
        Tokens(analyzer, text).Where(t => t.Type.StartsWith("name/main/", StringComparison.Ordinal)).Select(t => t.Term).ToArray();

    private static List<(string Term, int Position, string Type)> Terms(Analyzer analyzer, string text) =>
        Tokens(analyzer, text).Select(t => (t.Term, t.Position, t.Type)).ToList();

    private static List<(string Term, int Position, string Type)> Tokens(Analyzer analyzer, string text)
    {
        using var ts = analyzer.GetTokenStream("f", text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        var posInc = ts.AddAttribute<IPositionIncrementAttribute>();
        var type = ts.AddAttribute<ITypeAttribute>();
        var list = new List<(string, int, string)>();
        int position = -1;
        ts.Reset();
        while (ts.IncrementToken())
        {
            position += posInc.PositionIncrement;
            list.Add((term.ToString(), position, type.Type));
        }
        ts.End();
        return list;
    }
}
