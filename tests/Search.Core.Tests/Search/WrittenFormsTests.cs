namespace Search.Core.Tests.Search;

/// <summary>
/// The spellings a search lists as searched are shown as the index's text writes them (<see cref="Expansion.Written"/>),
/// not as the name layers' folded or romanised terms.
/// </summary>
public class WrittenFormsTests
{
    private static readonly NewsDocument[] Documents =
    [
        new("gadhafi", "Gadhafi loyalists held the town", null),
        new("gaddafi-ar", "قوات القذافي في المدينة", "وقال القذافي إن القوات ستبقى", null),
        new("iran-fa", "سفر به ایران", null),
        new("terri", "Terri Ann Smith won the race", null),
        new("israel-ar", "قالت إسرائيل إن المحادثات مستمرة", null),
        new("khamenei-ar", "قال خامنئي في خطاب", null),
        new("khamenei-fa", "سخنان خامنه‌ای در دیدار", null),
    ];

    private static readonly Lazy<SearchIndex> Index = new(() => TestIndex.Of(Documents));

    private static IReadOnlyList<Expansion> Expanded(string query) =>
        Index.Value.Search(new SearchRequest { Query = query, IncludeFacets = false, IncludeSnippets = false }).Expanded;

    [Fact]
    public void A_romanised_spelling_is_shown_as_the_arabic_script_word_the_text_writes()
    {
        var qadhafi = Expanded("Gaddafi").Single(e => e.Form == "qḏāfī");
        Assert.Equal("القذافي", qadhafi.Written);   // the article too: that is how every document writes it
        Assert.Equal("variant", qadhafi.Layer);
    }

    [Fact]
    public void A_folded_latin_spelling_is_shown_capitalised_as_written()
    {
        Assert.Equal("Gadhafi", Expanded("Gaddafi").Single(e => e.Form == "gadhafi").Written);
    }

    [Fact]
    public void A_persian_spelling_keeps_its_persian_yeh()
    {
        Assert.Equal("ایران", Expanded("Iran").Single(e => e.Form == "āīrān").Written);
    }

    [Fact]
    public void A_hamza_on_a_yeh_is_shown_as_written()
    {
        // The normalisation writes ئ as a yeh: the terms are āsrāīīl and ḫāmnīī.
        Assert.Equal("إسرائيل", Expanded("Israel").Single(e => e.Form == "āsrāīīl").Written);
        Assert.Equal("خامنئي", Index.Value.Read(reader => global::Search.Querying.WrittenForms.Find(reader, "ḫāmnīī")));
    }

    [Fact]
    public void A_persian_word_joined_at_its_zero_width_non_joiner_is_shown_as_written()
    {
        Assert.Equal("خامنه\u200Cای", Index.Value.Read(reader => global::Search.Querying.WrittenForms.Find(reader, "ḫāmnėāī")));
    }

    [Fact]
    public void A_spelling_no_single_word_writes_keeps_its_form()
    {
        // terriann is joined from Terri and Ann: no word of the text is that spelling.
        Assert.Null(Index.Value.Read(reader => global::Search.Querying.WrittenForms.Find(reader, "terriann")));
        Assert.Equal("Terri", Index.Value.Read(reader => global::Search.Querying.WrittenForms.Find(reader, "terri")));
    }
}
