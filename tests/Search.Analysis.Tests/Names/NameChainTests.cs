using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Search.Analysis.Names;
using static Search.Analysis.Tests.TokenStreamAssert;

namespace Search.Analysis.Tests.Names;

/// <summary>The name filters alone and inside the full name and lexicon chains: the whole token-stream contract.</summary>
public class NameChainTests
{
    private static readonly Analyzer Name = AnalyzerRegistry.Default.Get(Pipelines.Name).Analyzer;
    private static readonly Analyzer Lexicon = AnalyzerRegistry.Default.Get(Pipelines.Lexicon).Analyzer;

    // NameFormFilter alone, on a whitespace tokenizer (so the filter, not the StandardTokenizer, is under test).
    private static readonly Analyzer FilterOnly = Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new WhitespaceTokenizer(Lucene.Net.Util.LuceneVersion.LUCENE_48, reader);
        return new TokenStreamComponents(tokenizer, new NameFormFilter(tokenizer));
    });

    [Fact]
    public void Empty_text_gives_no_token_in_every_pipeline()
    {
        // The name tokenizer once failed on empty text (its reader gave null): /api/analyze without text was a 500.
        foreach (var chain in AnalyzerRegistry.Default.Chains)
            AssertAnalyzesTo(chain.Analyzer, "", [], [], [], [], []);
    }

    [Fact]
    public void Filter_alone_folds_and_keeps_offsets() =>
        AssertAnalyzesTo(FilterOnly, "Khamene'i Téhéran",
            ["khamenei", "teheran"], [0, 10], [9, 17], [1, 1], ["name/main/latn", "name/main/latn"]);

    [Fact]
    public void Article_form_at_the_same_position_and_no_chunk_the_exact_field_holds() =>
        AssertAnalyzesTo(Name, "al-Qaeda",
            ["qaeda", "alqaeda"], [0, 0], [8, 8], [1, 0], ["name/main/latn", "name/article/latn"]);

    [Fact]
    public void Joined_token_comes_first_at_the_second_position_so_offsets_never_go_back() =>
        AssertAnalyzesTo(Name, "Gholam Ali",
            ["gholam", "gholamali", "ali"], [0, 0, 7], [6, 10, 10], [1, 1, 0],
            ["name/main/latn", "name/joined/latn", "name/main/latn"]);

    [Fact]
    public void Signs_the_exact_field_keeps_give_no_raw_chunk() =>
        AssertAnalyzesTo(Name, "Tel-Aviv 'Amman",
            ["tel", "telaviv", "aviv", "avivamman", "amman"],
            [0, 0, 4, 4, 10], [3, 8, 8, 15, 15], [1, 1, 0, 1, 0]);

    [Fact]
    public void Signs_the_exact_field_splits_at_or_drops_are_kept_in_the_raw_chunk() =>
        AssertAnalyzesTo(Name, "U.S. Iran's",
            ["us", "=U.S.", "iran", "=Iran's"], [0, 0, 5, 5], [3, 4, 11, 11], [1, 0, 1, 0]);

    [Fact]
    public void The_english_possessive_is_not_part_of_the_name_form() =>
        // The form loses 's (typographic ’s, capital 'S too) and keeps the whole word's offsets; the raw chunk keeps it as
        // written. After fewer than three letters the s stays: Ra's (a cape, رأس) is a word of its own.
        AssertAnalyzesTo(Name, "Obama's TEHRAN’S; Ra's",
            ["obama", "=Obama's", "tehran", "=TEHRAN’S;", "ras", "=Ra's"],
            [0, 0, 8, 8, 18, 18], [7, 7, 16, 17, 22, 22], [1, 0, 1, 0, 1, 0]);

    [Fact]
    public void Arabic_script_is_romanised_in_the_same_chain() =>
        AssertAnalyzesTo(Name, "مدينة تهران",
            ["mdīnẗ", "thrān"], [0, 6], [5, 11], [1, 1],
            ["name/main/arab", "name/main/arab"]);

    [Fact]
    public void ZWNJ_compound_gives_parts_joined_and_article() =>
        AssertAnalyzesTo(Name, "حزب‌الله",
            ["ḥzb", "ḥzbllh", "lh", "āllh"], [0, 0, 0, 0], [8, 8, 8, 8], [1, 1, 0, 0]);

    [Fact]
    public void Generic_words_leave_no_name_token_and_only_a_chunk_the_exact_field_splits() =>
        AssertAnalyzesTo(Name, "ACME Trading Co.,Ltd.", ["acme", "=Co.,Ltd."], [0, 13], [4, 21], [1, 0]);

    [Fact]
    public void Plain_lower_case_chunks_get_no_raw_token() =>
        AssertAnalyzesTo(Name, "war in Tehran. u.s. (2024)",
            ["war", "in", "tehran", "us", "=u.s.", "2024"], [0, 4, 7, 15, 15, 21], [3, 6, 13, 18, 19, 25],
            [1, 1, 1, 1, 0, 1]);

    [Fact]
    public void Empty_input() => AssertAnalyzesTo(Name, "", []);

    [Fact]
    public void Lexicon_terms_are_key_script_form_and_skip_the_article_and_the_chunk() =>
        AssertAnalyzesTo(Lexicon, "al-Qaeda القذافي",
            ["KT\u001FLqaeda", "KTF\u001FAqḏāfī"], [0, 9], [8, 16], [1, 1]);

    [Fact]
    public void Lexicon_keeps_the_position_of_a_dropped_article_form() =>
        AssertAnalyzesTo(Lexicon, "al-Qaeda Gaddafi",
            ["KT\u001FLqaeda", "KTF\u001FLgaddafi"], [0, 9], [8, 16], [1, 1]);

    [Fact]
    public void Every_chain_has_a_description_that_names_its_rules()
    {
        Assert.Contains("NameFormFilter", AnalyzerRegistry.Default.Get(Pipelines.Name).Description);
        Assert.Contains("LexiconTermFilter", AnalyzerRegistry.Default.Get(Pipelines.Lexicon).Description);
        Assert.Contains("names/similarity-costs.txt", RuleFiles.Names);
    }

    [Fact]
    public void Every_rule_file_starts_with_a_header_comment()
    {
        foreach (var name in RuleFiles.Names)
            Assert.True(RuleFiles.Read(name).TrimStart().StartsWith('#'), $"{name}: start the rule file with a # comment saying what it is and where its content comes from");
    }

    // The fingerprint of the embedded rules with one file's text replaced.
    private static string FingerprintWith(string file, Func<string, string> edit) =>
        AnalyzerRegistry.ComputeFingerprint(AnalyzerRegistry.Default.Chains,
            RuleFiles.All().Select(r => r.Name == file ? (r.Name, edit(r.Text)) : r).ToList());

    [Fact]
    public void A_comment_or_a_blank_line_leaves_the_fingerprint_a_rule_changes_it()
    {
        string current = AnalyzerRegistry.Default.Fingerprint;
        Assert.Equal(current, FingerprintWith("names/articles.txt", t => t));
        Assert.Equal(current, FingerprintWith("names/articles.txt", t => "# a new comment\n\n" + t.Replace("\n", "  \n") + "\n# another\n"));
        Assert.NotEqual(current, FingerprintWith("names/articles.txt", t => t + "\narticle el\n"));
        Assert.NotEqual(current, FingerprintWith("names/particles.txt", t => t + "\nzu\n"));
    }

    [Fact]
    public void The_edit_costs_the_aliases_and_the_exonyms_are_outside_the_fingerprint()
    {
        // A query reads them; no indexed term depends on them, so changing them needs no rebuild.
        string current = AnalyzerRegistry.Default.Fingerprint;
        Assert.Equal(current, FingerprintWith("names/similarity-costs.txt", t => t + "\nsub q k 0.01\nparam doubling 0.9\n"));
        Assert.Equal(current, FingerprintWith("names/aliases.txt", _ => "# none\n"));
        Assert.Equal(current, FingerprintWith("names/exonyms.txt", t => t + "\nFrance, فرنسا\n"));
        Assert.Equal(current, FingerprintWith("names/proclitics.txt", _ => "# none\n"));
        Assert.Equal(["names/aliases.txt", "names/exonyms.txt", "names/proclitics.txt", "names/similarity-costs.txt", "names/translated-names.txt"], RuleFiles.QueryTimeOnly.Order(StringComparer.Ordinal));
        Assert.All(RuleFiles.QueryTimeOnly, f => Assert.Contains(f, RuleFiles.Names));
    }
}
