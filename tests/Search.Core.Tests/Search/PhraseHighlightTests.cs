using System.Text.RegularExpressions;

namespace Search.Core.Tests.Search;

/// <summary>
/// A phrase's words are marked, and listed as matched, only where the whole phrase is: a quoted phrase, a phrase of the
/// strict syntax, a multi-word alias. Words typed apart are marked wherever they are.
/// </summary>
public class PhraseHighlightTests
{
    private static readonly Lazy<SearchIndex> Index = new(() =>
    {
        var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        index.AddOrUpdate(new NewsDocument("house", "Talks at the White House",
            "The White House said on Monday that talks would go on. Later the old house by the river was painted white."));
        index.AddOrUpdate(new NewsDocument("yemen", "Yemen",
            "Ali Abdullah Saleh spoke about the Houthis. Fighters of Ansar Allah advanced on the port."));
        index.AddOrUpdate(new NewsDocument("saleh", "Saleh",
            "Ali Abdullah Saleh spoke about the Houthis in Sanaa."));
        index.AddOrUpdate(new NewsDocument("bank", "Rates",
            "The Bank of England held rates. A bank in Leeds did not, and England's banks waited."));
        index.AddOrUpdate(new NewsDocument("caps", "BANK OF ENGLAND RAISES RATES", "Rates rose again."));
        index.AddOrUpdate(new NewsDocument("cricket", "Cricket", "England won the match in Leeds."));
        index.AddOrUpdate(new NewsDocument("nasser", "Nasser", "Gamal Abdel Nasser spoke in Cairo."));
        index.Refresh();
        return index;
    });

    private static SearchHit Hit(string query, string id, QuerySyntax syntax = QuerySyntax.Lenient) =>
        Index.Value.Search(new SearchRequest { Query = query, Syntax = syntax, IncludeFacets = false }).Hits.Single(h => h.Id == id);

    private static string[] Marked(string? html) =>
        Regex.Matches(html ?? "", "<mark>(.*?)</mark>").Select(m => m.Groups[1].Value).ToArray();

    [Fact]
    public void A_quoted_phrase_marks_the_phrase_and_not_its_words_elsewhere()
    {
        var hit = Hit("\"White House\"", "house");
        Assert.Equal(["White", "House"], Marked(hit.TitleHtml));
        Assert.Equal(["White", "House"], Marked(hit.Snippet));
        Assert.DoesNotContain(hit.Matched, m => m.Matched is "house" or "white");
    }

    [Fact]
    public void Words_typed_apart_are_marked_wherever_they_are()
    {
        var hit = Hit("White House", "house");
        Assert.Equal(["White", "House", "house", "white"], Marked(hit.Snippet));
        Assert.Contains(hit.Matched, m => m.Matched == "house" && m.Layer == "stem");
    }

    [Fact]
    public void A_phrase_of_the_strict_syntax_marks_the_phrase_only()
    {
        var hit = Hit("body:\"white house\"", "house", QuerySyntax.Lucene);
        Assert.Equal(["White", "House"], Marked(hit.Snippet));
        Assert.Empty(Marked(hit.TitleHtml));
    }

    [Fact]
    public void A_phrase_with_a_stop_word_marks_its_words_where_they_stand_together()
    {
        var hit = Hit("\"bank of england\"", "bank");
        Assert.Equal(["Bank", "England"], Marked(hit.Snippet));
        Assert.DoesNotContain(hit.Matched, m => m.Matched.StartsWith("England'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_quoted_phrase_typed_in_lower_case_needs_the_words_the_name_layers_leave_out()
    {
        // Bank is a generic word of organisation names (generic-words.txt), which the name layers leave out: they matched
        // "bank of england" as england alone, so any document with England, and "bank of cairo" any with Cairo.
        SearchResult Search(string query) => Index.Value.Search(new SearchRequest { Query = query, IncludeFacets = false });
        Assert.Equal(["bank", "caps"], Search("\"bank of england\"").Ids().Order().ToArray());
        Assert.Empty(Search("\"bank of cairo\"").Hits);
        Assert.Equal(["cricket"], Search("England -\"bank of england\"").Ids());
        Assert.Equal(["BANK", "ENGLAND"], Marked(Hit("\"bank of england\"", "caps").TitleHtml));
        // Typed as a name it is matched as a name, without its legal form or type word (QAVAMIN BANK finds Bank Qavamin,
        // Beijing Shi finds Beijing): England alone too, after the documents that hold the whole phrase.
        var named = Search("\"Bank of England\"").Ids();
        Assert.Equal(["bank", "caps"], named[..2].Order().ToArray());
        Assert.Contains("cricket", named[2..]);
    }

    [Fact]
    public void A_multi_word_alias_marks_the_alias_and_not_a_word_of_it_in_another_name()
    {
        // Houthis has the alias Ansar Allah (aliases.txt), whose Allah has the spelling Abdullah: only the alias itself
        // is marked, not the Abdullah of Ali Abdullah Saleh.
        var yemen = Hit("Houthis", "yemen");
        Assert.Equal(["Houthis", "Ansar", "Allah"], Marked(yemen.Snippet).SelectMany(m => m.Split(' ')).ToArray());
        Assert.DoesNotContain(yemen.Matched, m => m.Matched == "Abdullah");
        var saleh = Hit("Houthis", "saleh");
        Assert.Equal(["Houthis"], Marked(saleh.Snippet));
        Assert.Equal(["Houthis"], saleh.Matched.Select(m => m.Matched).Distinct().ToArray());
    }

    [Fact]
    public void A_quoted_name_marks_its_words_within_the_phrase_slop_only()
    {
        // The name layers' phrase allows one word between (slop 1): "Gamal Nasser" is there in Gamal Abdel Nasser, without
        // Abdel; the title's Nasser alone is not the phrase.
        var hit = Hit("\"Gamal Nasser\"", "nasser");
        Assert.Equal(["Gamal", "Nasser"], Marked(hit.Snippet));
        Assert.Empty(Marked(hit.TitleHtml));
        Assert.Equal(["Nasser"], Marked(Hit("Nasser", "nasser").Snippet));
    }
}
