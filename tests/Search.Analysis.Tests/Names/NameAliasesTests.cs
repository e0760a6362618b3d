using Search.Analysis.Names;

namespace Search.Analysis.Tests.Names;

/// <summary>The alias rule file: whole-term lookup, spelling-insensitive, multi-word aware.</summary>
public class NameAliasesTests
{
    [Theory]
    [InlineData("Quds", "Jerusalem")]
    [InlineData("al-Quds", "Jerusalem")]       // the article does not matter
    [InlineData("القدس", "Jerusalem")]         // nor the script
    [InlineData("Jerusalem", "Quds")]
    [InlineData("ansar allah", "Houthis")]     // nor the case
    [InlineData("Daesh", "Islamic State")]
    [InlineData("Islamic State", "ISIL")]
    [InlineData("IRGC", "Sepah")]
    public void A_whole_term_gets_the_other_names_of_its_group(string query, string alias) =>
        Assert.Contains(alias, NameAliases.Default.Lookup(query));

    [Theory]
    [InlineData("Quds Force")]                 // a longer name is another entity
    [InlineData("Ansar Dine")]
    [InlineData("Tehran")]
    [InlineData("")]
    public void Other_names_have_no_alias(string query) => Assert.Empty(NameAliases.Default.Lookup(query));

    [Theory]
    [InlineData("Egypt", "مصر")]
    [InlineData("مصر", "Egypt")]
    [InlineData("الصين", "چین")]                 // one exonym gets the others
    [InlineData("China", "الصين")]
    [InlineData("ألمانيا", "Germany")]
    [InlineData("المانيا", "Germany")]            // compared by name forms: the hamza's seat does not matter
    [InlineData("Saudi Arabia", "السعودية")]
    [InlineData("الخليل", "Hebron")]
    [InlineData("والخليل", "Hebron")]            // و before the article: the index strips both, so does the lookup
    [InlineData("United Nations", "الأمم المتحدة")]  // an organisation's translated name (translated-names.txt)
    [InlineData("سازمان ملل", "United Nations")]
    [InlineData("IAEA", "الوكالة الدولية للطاقة الذرية")]
    public void A_place_or_body_gets_its_names_in_other_languages(string query, string exonym) =>
        Assert.Contains(exonym, NameAliases.Translations.Lookup(query));

    [Theory]
    [InlineData("Egyptian")]                     // another word
    [InlineData("Saudi")]                        // a part of a term
    [InlineData("Syria")]                        // a transliteration needs no exonym
    [InlineData("خليل")]                         // Khalil, the given name: Hebron is الخليل, compared with its article
    public void Other_words_have_no_exonym(string query) => Assert.Empty(NameAliases.Translations.Lookup(query));

    [Theory]
    [InlineData("names/aliases.txt")]
    [InlineData("names/exonyms.txt")]
    [InlineData("names/translated-names.txt")]
    public void Every_group_line_has_a_source_comment_above_it(string ruleFile)
    {
        var lines = RuleFiles.Read(ruleFile).Split('\n').Select(l => l.Trim()).ToList();
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#'))
                continue;
            Assert.True(i > 0 && lines[i - 1].StartsWith('#') && lines[i - 1].Contains("http", StringComparison.Ordinal),
                $"{ruleFile} line {i + 1} ('{lines[i]}') needs a '# source: URL' comment on the line above");
        }
    }
}

/// <summary>The proclitics written on to an Arabic-script word (<c>proclitics.txt</c>).</summary>
public class ArabicProcliticsTests
{
    [Theory]
    [InlineData("مصر", "ومصر")]
    [InlineData("مصر", "بمصر")]
    [InlineData("مصر", "لمصر")]
    [InlineData("مصر", "وبمصر")]                 // a conjunction, then a preposition
    [InlineData("الصين", "بالصين")]
    [InlineData("الصين", "للصين")]               // ل before the article drops its alef
    [InlineData("الصين", "وللصين")]
    public void A_word_is_written_with_its_proclitics(string word, string written) =>
        Assert.Contains(written, ArabicProclitics.Default.WrittenOn(word));

    [Theory]
    [InlineData("الصين", "لالصين")]              // not written so
    [InlineData("مصر", "مصر")]                   // not the word itself
    [InlineData("مصر", "بومصر")]                 // a preposition never before a conjunction
    public void Only_the_written_forms(string word, string notWritten) =>
        Assert.DoesNotContain(notWritten, ArabicProclitics.Default.WrittenOn(word));

    [Fact]
    public void A_latin_word_takes_none() => Assert.Empty(ArabicProclitics.Default.WrittenOn("Egypt"));
}
