using Search.Core.Tests.Search;
using Search.Indexing;

namespace Search.Core.Tests.Indexing;

/// <summary>The hit fields packed into a doc value read back exactly as the stored fields would give them.</summary>
public class HitFieldsTests
{
    public static TheoryData<NewsDocument> Documents()
    {
        var data = new TheoryData<NewsDocument>();
        foreach (var d in TestIndex.Documents)
            data.Add(d with { Body = null });
        data.Add(new NewsDocument("ar-1", "طهران ترفض المحادثات", null, new DateTime(2025, 1, 2, 3, 4, 5), "  وكالة  ", "https://example.org/ar?q=طهران"));
        data.Add(new NewsDocument("no-title", "", null, null, " ", ""));
        data.Add(new NewsDocument("long", new string('x', 200) + "é", null, null, "S", null));
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Round_trip_gives_what_the_stored_fields_give(NewsDocument d)
    {
        var expected = DocumentMapper.FromLucene(DocumentMapper.ToLucene(d, new LexiconDocuments())) with { Body = null };
        Assert.True(HitFields.TryUnpack(HitFields.Pack(d)!, out var unpacked));
        Assert.Equal(expected, unpacked);
    }

    [Fact]
    public void A_value_too_large_for_a_doc_value_is_left_to_the_stored_fields()
    {
        Assert.Null(HitFields.Pack(new NewsDocument("big", new string('t', HitFields.MaxBytes), null, null, null, null)));
        Assert.False(HitFields.TryUnpack(new Lucene.Net.Util.BytesRef(), out _));
    }

    [Fact]
    public void Hits_without_snippets_carry_the_same_fields_as_with()
    {
        using var index = TestIndex.Create();
        foreach (var query in new[] { "Iran", "Reuters OR report", "Tehran" })
        {
            var plain = index.Search(new SearchRequest { Query = query, IncludeSnippets = false, IncludeFacets = false });
            var full = index.Search(new SearchRequest { Query = query });
            Assert.Equal(full.Hits.Select(h => (h.Id, h.Title, h.Date, h.Source, h.Url)), plain.Hits.Select(h => (h.Id, h.Title, h.Date, h.Source, h.Url)));
            Assert.NotEmpty(plain.Hits);
        }
    }
}
