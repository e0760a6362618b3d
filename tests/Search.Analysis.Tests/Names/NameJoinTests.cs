using Lucene.Net.Analysis.TokenAttributes;
using Search.Analysis.Names;

namespace Search.Analysis.Tests.Names;

public class NameJoinTests
{
    private static List<string> Terms(string text)
    {
        var terms = new List<string>();
        using var ts = AnalyzerRegistry.Default.Get(Pipelines.Name).Analyzer.GetTokenStream("name", text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        ts.Reset();
        while (ts.IncrementToken())
            terms.Add(term.ToString());
        ts.End();
        return terms;
    }

    [Fact]
    public void Neighbouring_name_words_join_but_not_across_sentence_punctuation()
    {
        Assert.Contains("gholamali", Terms("Gholam Ali Haddad"));
        var sentences = Terms("They met in Tehran. He said so in Gaza, Ali said.");
        Assert.DoesNotContain("tehranhe", sentences);
        Assert.DoesNotContain("gazaali", sentences);
        Assert.Contains("tehran", sentences);
    }

    [Fact]
    public void Function_words_of_title_case_headlines_never_join_a_name()
    {
        var headline = Terms("How Netanyahu Is Winning The Vote");
        Assert.DoesNotContain("hownetanyahu", headline);
        Assert.DoesNotContain("netanyahuis", headline);
        Assert.DoesNotContain("thevote", headline);
        Assert.Contains("netanyahu", headline);
        Assert.Contains("gholamali", Terms("How Gholam Ali Won"));
    }

    [Fact]
    public void Arabic_and_persian_function_words_never_join_a_name()
    {
        // Every word of Arabic-script running text is a name word: "said in Tehran", "a meeting between Ali
        // Khamenei and Hassan Rouhani", "he works on Tehran" must not give the spellings ūqālfī, fīṭhrān, ūḥsn …
        var arabic = Terms("وقال في طهران لقاء بين علي خامنئي و حسن روحاني يعمل على طهران");
        Assert.DoesNotContain("ūqālfī", arabic);
        Assert.DoesNotContain("fīṭhrān", arabic);
        Assert.DoesNotContain("bīnʿlī", arabic);
        Assert.DoesNotContain("ūḥsn", arabic);
        Assert.DoesNotContain("ʿlīṭhrān", arabic);   // على "on", written as such, is a function word
        Assert.Contains("fī", arabic);                 // a word of its own in the pipeline (the index leaves it out: NameWordsTests)
        Assert.Contains("ʿlī", arabic);                // علي Ali is a name, not the preposition
        // Two ordinary words of Arabic script no longer join, names or not: romanised without short vowels nearly every
        // word is short, and a join per pair of running text made two fifths of an Arabic document's indexing cost.
        Assert.DoesNotContain("ḥsnrūḥānī", arabic);
        Assert.DoesNotContain("ʿlīḫāmnīī", arabic);
        var persian = Terms("او در تهران با غلام علی حداد");
        Assert.DoesNotContain("āūdr", persian);
        Assert.DoesNotContain("drthrān", persian);
        Assert.DoesNotContain("bāġlām", persian);
        Assert.Contains("ġlāmʿlī", persian);           // غلام "servant (of)" makes compound names (articles.txt, join)
        // A word written apart that the list must not hold: the Persian ی suffix (خامنه ای) still joins.
        Assert.Contains("ḫāmnhāī", Terms("خامنه ای"));
    }

    [Fact]
    public void Arabic_script_words_join_a_neighbour_when_one_makes_compound_names_or_is_very_short()
    {
        // The heads and tails of compound names written apart (articles.txt, kind join), at either side of the pair.
        Assert.Contains("ābūẓbī", Terms("أبو ظبي"));
        Assert.Contains("fīṣlʾābād", Terms("فيصل آباد"));
        Assert.Contains("ṣlāḥldīn", Terms("صلاح الدين"));
        // A word of at most two letters romanised joins any neighbour: تل "hill", a letter split off a word.
        Assert.Contains("tlābīb", Terms("تل أبيب"));
        Assert.Contains("dmšq", Terms("د مشق"));
        // Two words of three or more letters each do not: a join per pair of running text is a term of its own.
        Assert.Equal(["qāl", "rīīs", "ālrīīs", "mṣrī", "ālmṣrī"], Terms("قال الرئيس المصري"));
    }

    [Fact]
    public void A_roman_numeral_never_joins_a_name()
    {
        var names = Terms("Abdullah II met Walker III in Istanbul");
        Assert.DoesNotContain("abdullahii", names);
        Assert.DoesNotContain("walkeriii", names);
        Assert.DoesNotContain("iiiin", names);
        Assert.Contains("walker", names);
    }

    [Fact]
    public void A_word_written_in_hyphenated_syllables_is_also_one_word()
    {
        // Lower-case syllables after a hyphen (Wade-Giles, transliterations) join, whatever their length.
        Assert.Contains("shanghai", Terms("Shang-hai"));
        Assert.Contains("kuangchou", Terms("Kuang-chou"));
        var tokens = NameSequence.Process(NameMatcher.Tokenize("Kuang-chou")).Where(t => t.Kind == NameTokenKind.Joined).ToList();
        Assert.True(Assert.Single(tokens).Hyphenated);
        // Two capitalised long words around a hyphen stay two names; a space is not a hyphen.
        Assert.DoesNotContain("rafsanjanikhatami", Terms("Rafsanjani-Khatami"));
        Assert.DoesNotContain("shanghai", Terms("Shang hai"));
    }

    [Theory]
    [InlineData("San`a'", "sana")]       // a grave accent for ʿayn
    [InlineData("San\u00B4a", "sana")]  // an acute accent
    [InlineData("Şan‘ā’", "sana")]       // an opening quote
    [InlineData("Ḥizbu 'llāh", "hizbullah")] // an elision mark opening the next word
    public void A_word_split_by_an_ayn_mark_is_also_one_word(string text, string joined)
    {
        Assert.Contains(joined, Terms(text));
        // The same mark between two capitalised long words is a quotation, not a letter.
        Assert.DoesNotContain("rafsanjanikhatami", Terms("Rafsanjani`Khatami"));
        // A quotation mark before a word is not an elision.
        Assert.DoesNotContain("saidtehran", Terms("Rouhani Said 'Tehran will answer'"));
        Assert.DoesNotContain("saidlet", Terms("Aoun Said 'let them vote'"));
    }

    [Theory]
    [InlineData("Guangzhou Shi", new[] { "guangzhou" })]
    [InlineData("Gaza City", new[] { "gaza" })]
    [InlineData("ولاية وهران", new[] { "ūhrān" })]
    public void Administrative_words_are_generic(string text, string[] mains) =>
        Assert.Equal(mains, NameSequence.Process(NameMatcher.Tokenize(text)).Where(t => t.Kind == NameTokenKind.Main).Select(t => t.Form).ToArray());
}
