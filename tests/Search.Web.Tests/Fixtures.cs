namespace Search.Web.Tests;

/// <summary>Small documents written for these tests: name spellings, sources and years for facets, and a hostile one.</summary>
public static class Fixtures
{
    public const string HostileId = "hostile-1";

    public static readonly NewsDocument[] Documents =
    [
        new("tehran-1", "Talks in Tehran end without a deal",
            "Officials in Tehran said on Sunday that the talks had ended without agreement.\n\nDiplomats will meet again next month.",
            new DateTime(2025, 3, 31), "AP", "https://example.com/tehran-talks"),
        new("teheran-1", "Téhéran conference remembered",
            "Historians gathered to remember the Téhéran conference, where the allied leaders met.",
            new DateTime(1987, 2, 1), "Reuters", "http://example.org/teheran"),
        new("tehran-2", "Oil exports from Tehran rise",
            "Tehran raised its oil exports in March, the ministry said.",
            new DateTime(2024, 6, 15), "Reuters"),
        new("oil-1", "Oil prices fall", "Oil prices fell sharply on Monday as supply grew.", new DateTime(1987, 3, 2), "Reuters"),
        new("oil-2", "OPEC meets on oil output", "OPEC ministers met to discuss oil output quotas.", new DateTime(1987, 5, 9), "AFP"),
        new("gaddafi-1", "Gaddafi speaks in Tripoli", "Muammar Gaddafi gave a long speech in Tripoli.", new DateTime(2011, 2, 22), "AFP"),
        new("fa-1", "تهران", "خبرگزاری‌ها از تهران گزارش دادند که ایران آماده گفت‌وگو است.", new DateTime(2024, 1, 5), "IRNA"),
        new(HostileId, "<script>window.__pwned=1;alert(1)</script> Hostile title",
            "Before <script>window.__pwned=1;alert(1)</script> and <img src=x onerror=\"window.__pwned=2;alert(2)\"> "
            + "then \u202Edetrevni si txet sihT and a link <a href=\"javascript:alert(3)\">click</a>.",
            new DateTime(2020, 1, 1), "<b>Bad source</b>", "javascript:alert(1)"),
    ];
}
