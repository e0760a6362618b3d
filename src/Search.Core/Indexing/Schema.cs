using Lucene.Net.Analysis;
using Search.Analysis;

namespace Search.Indexing;

/// <summary>
/// The index schema: field names, which analysis pipeline each text field uses, and the version stamped
/// into the commit data. Index and query both take their analyzer from <see cref="Analyzer"/>.
/// </summary>
internal static class Schema
{
    /// <summary>
    /// Bumped whenever fields change meaning; an index with another version must be rebuilt.
    /// 2: length norms of <see cref="ExactLengthSimilarity"/>.
    /// 3: the name and lexicon fields hold the name words only (capitals, accents, Arabic script, particles and
    /// titles next to them; <c>NameSequence.NameWords</c>), at their old positions.
    /// 4: the lexicon terms are held by lexicon documents (<see cref="LexiconDocuments"/>), each term once per writer, not
    /// by every content document; such a document has no id, and queries and counts leave it out.
    /// </summary>
    public const string Version = "4";

    public const string Id = "id";                 // StringField, stored: the key
    public const string Title = "title";           // english, stored
    public const string Body = "body";             // english, stored
    public const string Exact = "exact";           // exact pipeline over title and body (multi-valued)
    public const string Name = "name";             // name pipeline over the name words of title and body (multi-valued)
    public const string Lexicon = "lex";           // lexicon pipeline over the name words of title and body: in lexicon documents only (LexiconDocuments)
    public const string Date = "date";             // stored ISO text
    public const string DateValue = "date_n";      // NumericDocValues yyyyMMddHHmmss (read into SegmentValues: date filter, sort, year facet)
    public const string Source = "source";         // stored as written
    public const string SourceKey = "source_k";    // StringField, lower-cased: the filter
    public const string SourceFacet = "source_f";  // SortedDocValues of the written form: the facet
    public const string Url = "url";               // stored only
    public const string Hit = "hit";               // BinaryDocValues: id, title, date, source, url packed (HitFields)

    // Commit user data keys.
    public const string CommitAnalysis = "search.analysis";
    public const string CommitSchema = "search.schema";
    public const string CommitTime = "search.committed";

    /// <summary>The fields a user may name in the strict syntax (<c>field:term</c>).</summary>
    public static readonly IReadOnlyList<string> QueryableFields = [Title, Body, Exact, Name, Source, Id];

    public static readonly IReadOnlyDictionary<string, string> FieldPipelines = new Dictionary<string, string>
    {
        [Title] = Pipelines.English,
        [Body] = Pipelines.English,
        [Exact] = Pipelines.Exact,
        [Name] = Pipelines.Name,
        [Lexicon] = Pipelines.Lexicon,
    };

    public static Analyzer Analyzer { get; } = AnalyzerRegistry.Default.ForFields(FieldPipelines);

    /// <summary>
    /// The most tokens indexed from one field value. Analysis costs about 9 µs a token over the four layers: a
    /// 20 MB body (3.3 million tokens) held the writer for 29 s. Past the limit the text is still stored and
    /// shown whole, but not searchable. 100,000 tokens is about 600 KB of English, far beyond a news article.
    /// </summary>
    public const int MaxTokensPerField = 100_000;

    /// <summary><see cref="Analyzer"/> with the <see cref="MaxTokensPerField"/> cut, for the writer only.</summary>
    public static Analyzer IndexAnalyzer { get; } = new Lucene.Net.Analysis.Miscellaneous.LimitTokenCountAnalyzer(Analyzer, MaxTokensPerField);

    /// <summary>The analyzer of one field, by its pipeline (english for unknown fields).</summary>
    public static Analyzer ForField(string field) =>
        AnalyzerRegistry.Default.Get(FieldPipelines.TryGetValue(field, out var p) ? p : Pipelines.English).Analyzer;

    public static string Fingerprint => AnalyzerRegistry.Default.Fingerprint;
}
