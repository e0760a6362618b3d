namespace Search.Core.Tests.Search;

/// <summary>
/// The name layers index only the words that can be part of a name (capitals, accents, Arabic script, particles and
/// titles next to them); plain lower-case words are found through the english and exact fields. Through the real
/// index and query path: what a query still finds, and what the name field no longer holds.
/// </summary>
public class NameWordsIndexTests
{
    private static readonly NewsDocument[] Documents =
    [
        new("tehran", "Talks resumed in Tehran on Monday", "Officials said the talks would go on."),
        new("tehran-fa", "ادامه مذاکرات در تهران", null),
        new("lower", "protesters gathered in tehran square", null),
        new("caps", "IRAN SAYS TALKS WITH TEHERAN OVER", null),
        new("usama", "Usama bin Ladin was killed in a raid", null),
        new("bin", "the bin was full of letters", null),
        new("sheikh", "the sheikh said prayers were cancelled", null),
        new("ar-talks", "استؤنفت المحادثات في طهران", null),
        new("ar-ali", "وصل علي إلى بغداد", null),
        new("ar-on", "الكتاب على الطاولة", null),
    ];

    private static readonly Lazy<SearchIndex> Index = new(() => TestIndex.Of(Documents));

    private static string[] Search(string query, QuerySyntax syntax = QuerySyntax.Lenient) =>
        Index.Value.Search(new SearchRequest { Query = query, Syntax = syntax, Size = 50, IncludeFacets = false, IncludeSnippets = false }).Ids();

    [Fact]
    public void A_lower_case_query_finds_the_capitalised_name_and_its_other_scripts()
    {
        var found = Search("tehran");
        Assert.Contains("tehran", found);
        Assert.Contains("tehran-fa", found);   // only the name layers know تهران
        Assert.Contains("caps", found);        // TEHERAN: an all-capitals headline is name words
        Assert.Contains("lower", found);       // written in lower case: through the english and exact fields
    }

    [Fact]
    public void A_spelling_finds_another_in_an_all_capitals_headline() =>
        Assert.Contains("caps", Search("Tehran"));

    [Fact]
    public void A_quoted_name_with_a_particle_finds_another_spelling_of_it()
    {
        var found = Search("\"Osama bin Laden\"");
        Assert.Contains("usama", found);
        Assert.DoesNotContain("bin", found);
    }

    [Fact]
    public void A_title_written_in_lower_case_finds_its_other_spellings() =>
        Assert.Contains("sheikh", Search("shaykh"));

    [Fact]
    public void Arabic_script_function_words_are_not_in_the_name_field_and_a_quoted_name_spans_them()
    {
        Assert.Empty(Search("name:في", QuerySyntax.Lucene));
        Assert.Contains("ar-talks", Search("في"));                      // through the exact and english fields
        Assert.Contains("ar-talks", Search("\"المحادثات في طهران\""));   // the name phrase's slop spans the word left out
        Assert.Contains("ar-talks", Search("\"المحادثات في تهران\""));   // and a respelled word of it
        // على "on" normalises to the name علي (Ali): only the preposition as written is a function word.
        var ali = Search("name:علي", QuerySyntax.Lucene);
        Assert.Contains("ar-ali", ali);
        Assert.DoesNotContain("ar-on", ali);
    }

    [Fact]
    public void Plain_lower_case_words_are_not_in_the_name_field_but_are_found()
    {
        Assert.Empty(Search("name:gathered", QuerySyntax.Lucene));
        Assert.Equal(["usama"], Search("name:bin", QuerySyntax.Lucene));
        Assert.Equal(["lower"], Search("gathered"));
        Assert.Contains("lower", Search("name:tehran OR body:tehran OR title:tehran", QuerySyntax.Lucene));
        Assert.DoesNotContain("lower", Search("name:tehran", QuerySyntax.Lucene));
    }
}
