using Lucene.Net.Analysis.TokenAttributes;

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
}
