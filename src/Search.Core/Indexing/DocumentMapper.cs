using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using Search.Analysis.Names;

namespace Search.Indexing;

/// <summary>Maps a <see cref="NewsDocument"/> to the fields of the <see cref="Schema"/> and back.</summary>
internal static class DocumentMapper
{
    /// <summary>The longest id accepted, in characters.</summary>
    public const int MaxIdLength = NewsDocument.MaxIdLength;

    public static void Validate(NewsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrWhiteSpace(document.Id))
            throw new ArgumentException("A document needs a non-empty id.", nameof(document));
        if (document.Id.Length > MaxIdLength)
            throw new ArgumentException($"A document id may have at most {MaxIdLength} characters.", nameof(document));
        // Found by search-tools fuzz --target http: a longer source failed deep in Lucene ("DocValuesField is too large").
        if (document.Source?.Trim().Length > NewsDocument.MaxSourceLength)
            throw new ArgumentException($"A document source may have at most {NewsDocument.MaxSourceLength} characters.", nameof(document));
    }

    /// <summary>
    /// The content document of <paramref name="d"/>; its lexicon terms go to <paramref name="lexicon"/>, which writes each
    /// once in a lexicon document of its own (<see cref="LexiconDocuments"/>).
    /// </summary>
    public static Document ToLucene(NewsDocument d, LexiconDocuments lexicon) => ToLucene(d, exact: true, names: true, lexiconField: false, lexicon);

    /// <summary>
    /// The document with or without the exact, the name and the lexicon fields, for profiling: with
    /// <paramref name="lexiconField"/> the document holds its own lexicon terms (the layout before lexicon documents),
    /// with <paramref name="lexicon"/> they go there. Without <paramref name="english"/> the title and body are stored
    /// but not indexed (what a design without the english fields would write).
    /// </summary>
    internal static Document ToLucene(NewsDocument d, bool exact, bool names, bool lexiconField, LexiconDocuments? lexicon = null, bool english = true)
    {
        var doc = new Document
        {
            new StringField(Schema.Id, d.Id, Field.Store.YES),
        };
        HashSet<string>? terms = null;
        TokenStream? titleEnglish = null, bodyEnglish = null;
        foreach (var text in new[] { d.Title, d.Body })
        {
            if (string.IsNullOrEmpty(text))
                continue;
            // Every text value feeds the exact, name and lexicon layers too; the analyzer puts a position
            // gap between title and body so phrases do not run across them. The name tokens are computed once
            // for both the name and the lexicon field (NameIndexing): the same terms as their two pipelines.
            if (exact)
                doc.Add(new TextField(Schema.Exact, text, Field.Store.NO));
            if (!names && !lexiconField && lexicon is null)
                continue;
            // The english field and the name layers split the text into the same StandardTokenizer words: read once
            // (SharedWords), the english field gets its tokens from them instead of its analyzer tokenizing again.
            var shared = SharedWords.Read(text, Schema.MaxTokensPerField);
            if (shared != null)
            {
                if (ReferenceEquals(text, d.Title))
                    titleEnglish = shared.Stream;
                else
                    bodyEnglish = shared.Stream;
            }
            var tokens = shared != null ? NameIndexing.Analyze(shared.Words) : NameIndexing.Analyze(text);
            if (!english)
                shared?.Stream.Dispose();   // back to the thread's pool: no english field reads it
            if (names)
                doc.Add(new Field(Schema.Name, NameIndexing.NameStream(tokens, text.Length, Schema.MaxTokensPerField), TextField.TYPE_NOT_STORED));
            if (lexiconField || lexicon is not null)
                NameIndexing.AddLexiconTerms(tokens, terms ??= NameIndexing.NewLexiconSet(), Schema.MaxTokensPerField);
        }
        if (terms is not null)
        {
            if (lexicon is not null)
            {
                lexicon.Collect(terms);
                NameIndexing.ReturnLexiconSet(terms);
            }
            else if (terms.Count > 0)
                doc.Add(new Field(Schema.Lexicon, NameIndexing.LexiconStreamOwning(terms), LexiconDocuments.LexiconType));
            else
                NameIndexing.ReturnLexiconSet(terms);
        }
        if (!string.IsNullOrEmpty(d.Title))
            doc.Add(english ? EnglishField(Schema.Title, d.Title, titleEnglish) : new StoredField(Schema.Title, d.Title));
        if (!string.IsNullOrEmpty(d.Body))
            doc.Add(english ? EnglishField(Schema.Body, d.Body, bodyEnglish) : new StoredField(Schema.Body, d.Body));
        if (d.Date is { } date)
        {
            var value = DateValues.ToValue(date);
            doc.Add(new StoredField(Schema.Date, DateValues.ToText(date)));
            // No indexed numeric terms: the date filter reads each match's date (SegmentValues), and the strict syntax
            // cannot name the field.
            doc.Add(new NumericDocValuesField(Schema.DateValue, value));
        }
        if (!string.IsNullOrWhiteSpace(d.Source))
        {
            var source = d.Source.Trim();
            doc.Add(new StoredField(Schema.Source, source));
            doc.Add(new StringField(Schema.SourceKey, source.ToLowerInvariant(), Field.Store.NO));
            doc.Add(new SortedDocValuesField(Schema.SourceFacet, new BytesRef(source)));
        }
        if (!string.IsNullOrEmpty(d.Url))
            doc.Add(new StoredField(Schema.Url, d.Url));
        if (HitFields.Pack(d) is { } hit)
            doc.Add(new BinaryDocValuesField(Schema.Hit, hit));
        return doc;
    }

    /// <summary>A stored english text field, analysed by the writer's analyzer, or given the tokens of <paramref name="tokens"/> (the same, from words read once).</summary>
    private static Field EnglishField(string name, string text, TokenStream? tokens)
    {
        var field = new TextField(name, text, Field.Store.YES);
        if (tokens != null)
            field.SetTokenStream(tokens);
        return field;
    }

    public static NewsDocument FromLucene(Document doc) => new(
        doc.Get(Schema.Id),
        doc.Get(Schema.Title),
        doc.Get(Schema.Body),
        DateValues.FromText(doc.Get(Schema.Date)),
        doc.Get(Schema.Source),
        doc.Get(Schema.Url));
}
