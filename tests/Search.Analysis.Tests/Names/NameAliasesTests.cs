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

    [Fact]
    public void Every_group_line_has_a_source_comment_above_it()
    {
        var lines = RuleFiles.Read("names/aliases.txt").Split('\n').Select(l => l.Trim()).ToList();
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#'))
                continue;
            Assert.True(i > 0 && lines[i - 1].StartsWith('#') && lines[i - 1].Contains("http", StringComparison.Ordinal),
                $"aliases.txt line {i + 1} ('{lines[i]}') needs a '# source: URL' comment on the line above");
        }
    }
}
