namespace Search.Core.Tests.Search;

/// <summary>Completions are words as the documents write them, found case, accents and letter forms aside.</summary>
public class SuggestTests
{
    private static readonly Lazy<SearchIndex> Index = new(() =>
    {
        // What a suggestion finds, whatever the load of the machine: the 40 ms budget cut the folded scan of Téhé short
        // when the whole suite ran on two cores.
        var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, SuggestBudget = TimeSpan.FromMinutes(1) });
        index.AddOrUpdate(new NewsDocument("a", "Tehran talks", "Talks in Tehran and Teheran; Tehran-backed groups met."));
        index.AddOrUpdate(new NewsDocument("e", "Visite à Téhéran", "Le ministre est arrivé à Téhéran."));
        index.AddOrUpdate(new NewsDocument("b", "طهران", "اجتمع المسؤولون في طهران اليوم."));
        index.AddOrUpdate(new NewsDocument("c", "Khamenei", "Ayatollah Khamene'i spoke. علی خامنه‌ای"));
        index.AddOrUpdate(new NewsDocument("d", "Ali", "وصل علي إلى المدينة."));
        index.Refresh();
        return index;
    });

    private static List<string> Texts(string prefix) => Index.Value.Suggest(prefix).Select(s => s.Text).ToList();

    [Fact]
    public void Arabic_script_completes_to_words_as_written_not_to_their_romanised_forms()
    {
        // The name field's forms (ṭhrān, the joined tehranbacked) were offered, the romanised one before the word itself.
        Assert.Equal(["طهران"], Texts("طهر"));
        Assert.All(Texts("خامن"), t => Assert.True(global::Search.Analysis.Names.NameForms.IsArabic(t), t));
        Assert.DoesNotContain("tehranbacked", Texts("teh"), StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Tehran-backed", Texts("teh"));
    }

    [Fact]
    public void Accents_and_the_persian_and_arabic_forms_of_a_letter_are_aside()
    {
        var folded = Index.Value.Suggest("Téhé");
        Assert.Equal([("Teheran", "name"), ("Téhéran", "exact")], folded.Select(s => (s.Text, s.Layer)).Order().ToArray());
        Assert.Contains("Téhéran", Texts("teh"));
        // Persian علی (yeh ی) also finds the Arabic علي (yeh ي), and the other way round.
        Assert.Contains("علي", Texts("علی"));
        Assert.Contains("علی", Texts("علي"));
        // Each word once, its count not doubled by the scans that meet it (the casings, then the accent-blind one).
        Assert.Equal(1, Index.Value.Suggest("khamene").Single(s => s.Text == "Khamene'i").DocumentFrequency);
        Assert.Equal(1, Index.Value.Suggest("teh").Single(s => s.Text == "Tehran").DocumentFrequency);
    }
}
