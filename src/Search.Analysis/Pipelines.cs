namespace Search.Analysis;

/// <summary>The names of the analysis pipelines. Fields refer to a pipeline by one of these names.</summary>
public static class Pipelines
{
    /// <summary>English news text: tokenised, folded, stop words removed, Porter-stemmed (title and body).</summary>
    public const string English = "english";

    /// <summary>Lossless: tokenised only, case and accents kept, so the exact spelling can rank first.</summary>
    public const string Exact = "exact";

    /// <summary>Lossy name forms: folded Latin and transliterated Arabic/Persian script in one Latin space.</summary>
    public const string Name = "name";

    /// <summary>The variant lexicon: one term per name form, prefixed by its candidate key.</summary>
    public const string Lexicon = "lexicon";
}
