namespace Search.Core.Tests.Search;

/// <summary>
/// Exonyms and translated names (<c>exonyms.txt</c>, <c>translated-names.txt</c>) through the real index and query path: a place's name in another language that is no
/// transliteration (Egypt / مصر, Hebron / الخليل) is found, as written alone or with a proclitic on it (ومصر), in either
/// direction; its look-alikes are not (مصير "fate", خليل the given name, HND the diploma). A name of several words with
/// other names (an exonym or an alias) gets them also when typed without quotes.
/// </summary>
public class ExonymTests
{
    private static readonly NewsDocument[] Documents =
    [
        new("egypt-en", "Egypt raised interest rates", null),
        new("egypt-ar", "الرئيس يزور مصر", null),
        new("egypt-ar-wa", "اتفاق تجاري بين تونس ومصر", null),
        new("egypt-ar-bi", "الاستثمار بمصر يرتفع", null),
        new("egypt-typo", "Tourists return to Egypte", null),
        new("fate-ar", "مصير المفاوضات غامض", null),
        new("china-ar-bi", "مصانع جديدة بالصين", null),
        new("china-ar-li", "صادرات للصين", null),
        new("china-fa", "سفر به چین", null),
        new("swim-fa", "مسابقه شنا برگزار شد", null),
        new("china-latn-lookalike", "Boats on the Seine in Paris", null),
        new("hebron-ar", "مواجهات في الخليل", null),
        new("khalil-ar", "قال خليل إن الاجتماع انتهى", null),
        new("india-fa", "سفر وزیر به هند", null),
        new("hnd", "She earned an HND in engineering", null),
        new("saudi-ar", "وزير خارجية المملكة العربية السعودية", null),
        new("saudi-en-apart", "Saudi investors bought the Arabia Fund", null),
        new("daesh-ar", "هجوم لتنظيم داعش", null),
        new("un-ar", "قرار جديد من الأمم المتحدة", null),
        new("nations-en", "The United States and other Nations agreed", null),
    ];

    private static readonly Lazy<SearchIndex> Index = new(() => TestIndex.Of(Documents));

    private static string[] Search(string query) =>
        Index.Value.Search(new SearchRequest { Query = query, Size = 50, IncludeFacets = false, IncludeSnippets = false }).Ids();

    [Theory]
    [InlineData("Egypt", "egypt-ar")]
    [InlineData("Egypt", "egypt-ar-wa")]            // و "and" written on to the name
    [InlineData("Egypt", "egypt-ar-bi")]            // ب "in"
    [InlineData("مصر", "egypt-en")]                 // the other way round
    [InlineData("China", "china-ar-bi")]            // ب before the article: بالصين
    [InlineData("China", "china-ar-li")]            // ل before the article drops its alef: للصين
    [InlineData("China", "china-fa")]               // the Persian name
    [InlineData("الصين", "china-fa")]               // from one exonym to another
    [InlineData("Hebron", "hebron-ar")]
    [InlineData("India", "india-fa")]
    [InlineData("\"Saudi Arabia\"", "saudi-ar")]    // a term of several words: the phrase of its words
    [InlineData("Saudi Arabia", "saudi-ar")]        // typed without quotes too
    [InlineData("Saudi Arabia", "saudi-en-apart")]  // and without quotes the words anywhere still match, as always
    [InlineData("islamic state", "daesh-ar")]       // an alias of words typed without quotes (and in lower case)
    [InlineData("United Nations", "un-ar")]         // an organisation's translated name (translated-names.txt)
    [InlineData("United Nations", "nations-en")]    // the words anywhere, as always
    [InlineData("وزير Saudi Arabia", "saudi-ar")]   // a run of words inside a longer query (وزير "minister")
    public void A_place_finds_its_name_in_another_language(string query, string expected) =>
        Assert.True(Search(query).Contains(expected), $"'{query}' should find {expected}; found: {string.Join(", ", Search(query))}");

    [Theory]
    [InlineData("Egypt", "fate-ar")]                // مصير "fate" is a look-alike of مصر, not a spelling of it
    [InlineData("Hebron", "khalil-ar")]             // الخليل is matched with its article: خليل is a given name
    [InlineData("India", "hnd")]                    // هند romanises to hnd, the form of the Latin HND: matched as written
    [InlineData("China", "swim-fa")]                // شنا "swimming": China's names in Arabic script are known, no guesses
    [InlineData("الصين", "china-latn-lookalike")]   // nor the other way: the Seine is no spelling of الصين
    [InlineData("Saudi", "saudi-ar")]               // a term matches only as a whole
    [InlineData("Arabia Saudi", "saudi-ar")]        // in its order
    [InlineData("\"Saudi Arabia\"", "saudi-en-apart")] // quoted, the words are a phrase
    [InlineData("Islamic -State", "daesh-ar")]      // an excluded word is not part of a name
    [InlineData("\"United Nations\"", "nations-en")] // quoted, the words are a phrase
    public void A_place_does_not_find_a_look_alike_of_its_other_name(string query, string unexpected) =>
        Assert.False(Search(query).Contains(unexpected), $"'{query}' must not find {unexpected}; found: {string.Join(", ", Search(query))}");

    [Fact]
    public void The_exonym_is_shown_among_the_spellings_searched()
    {
        var result = Index.Value.Search(new SearchRequest { Query = "Egypt", IncludeFacets = false });
        Assert.Contains(result.Expanded, e => e.Form == "egypte" && e.Layer == "variant");
        // The other names first: "Also searched" shows twelve, and a word may have hundreds of spellings.
        Assert.Equal("مصر", result.Expanded.First(e => e.Layer is "alias" or "variant").Form);
        var hit = Index.Value.Search(new SearchRequest { Query = "Egypt", Size = 50, IncludeFacets = false }).Hits.Single(h => h.Id == "egypt-ar-wa");
        Assert.Contains(hit.Matched, m => m.Matched == "ومصر" && m.Layer == "alias");
    }

    [Fact]
    public void A_given_name_that_is_a_place_without_its_article_gets_no_exonym()
    {
        // خليل (Khalil) is الخليل (Hebron) without the article; the lookup keeps the article, so Khalil keeps its Latin
        // spellings and gets no Hebron.
        var result = Index.Value.Search(new SearchRequest { Query = "خليل", IncludeFacets = false });
        Assert.DoesNotContain(result.Expanded, e => e.Layer == "alias");
        Assert.Contains("hebron-ar", Index.Value.Search(new SearchRequest { Query = "الخليل", IncludeFacets = false }).Ids());
        Assert.Contains(Index.Value.Search(new SearchRequest { Query = "الخليل", IncludeFacets = false }).Expanded, e => e.Form == "Hebron" && e.Layer == "alias");
    }

    [Fact]
    public void The_spelling_as_typed_ranks_above_the_exonym()
    {
        var ids = Search("Egypt");
        Assert.Equal("egypt-en", ids.FirstOrDefault());
        Assert.Equal("egypt-ar", Search("مصر").FirstOrDefault());
    }
}
