using System.Text;
using Lucene.Net.Util.Automaton;
using Search.Querying;

namespace Search.Core.Tests.Search;

/// <summary>The search box's prefix automaton, built state by state, takes the language of its plain definition.</summary>
public class PrefixAutomatonTests
{
    // The definition: a union of one automaton per character a letter may be written as, concatenated, then any string.
    private static Automaton Reference(string prefix)
    {
        var parts = new List<Automaton>();
        foreach (var rune in prefix.EnumerateRunes())
        {
            var chars = new SortedSet<int> { rune.Value, Rune.ToLowerInvariant(rune).Value, Rune.ToUpperInvariant(rune).Value };
            var d = rune.ToString().Normalize(NormalizationForm.FormD);
            char b = d[0] is >= 'a' and <= 'z' or >= 'A' and <= 'Z' ? char.ToLowerInvariant(d[0]) : '\0';
            if (b != '\0')
            {
                chars.Add(b);
                chars.Add(char.ToUpperInvariant(b));
                for (int c = 0; c <= 0x1EFF; c++)
                {
                    if (c is >= 0x00C0 and <= 0x024F or >= 0x1E00 && char.IsLetter((char)c) &&
                        char.GetUnicodeCategory((char)c) is System.Globalization.UnicodeCategory.UppercaseLetter or System.Globalization.UnicodeCategory.LowercaseLetter)
                    {
                        var cd = ((char)c).ToString().Normalize(NormalizationForm.FormD);
                        if (cd.Length > 1 && cd[0] < 0x80 && char.IsLetter(cd[0]) && char.ToLowerInvariant(cd[0]) == b)
                            chars.Add(c);
                    }
                }
            }
            parts.Add(BasicOperations.Union(chars.Select(BasicAutomata.MakeChar).ToList()));
        }
        parts.Add(BasicAutomata.MakeAnyString());
        return BasicOperations.Concatenate(parts);
    }

    [Theory]
    [InlineData("teh")]
    [InlineData("Khamen")]
    [InlineData("téhé")]
    [InlineData("ŞAR")]
    [InlineData("al-q")]
    [InlineData("9/1")]
    [InlineData("تهر")]
    [InlineData("x")]
    public void The_built_automaton_accepts_what_the_definition_does(string prefix)
    {
        var built = PrefixQueries.CaseAndAccentBlind(prefix);
        Assert.True(built.IsDeterministic);
        Assert.True(BasicOperations.SameLanguage(Reference(prefix), built), prefix);
        Assert.True(BasicOperations.Run(built, prefix.ToUpperInvariant() + "xyz"));
        Assert.False(BasicOperations.Run(built, "q" + prefix));
    }
}
