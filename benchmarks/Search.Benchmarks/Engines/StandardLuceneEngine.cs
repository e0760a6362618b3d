using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Benchmarks.Data;

namespace Search.Benchmarks.Engines;

/// <summary>
/// The Lucene.Net baseline a .NET user would write: plain <see cref="StandardAnalyzer"/> on title and body, id,
/// title and body stored (hits fetch id and title), NIOFSDirectory, BM25, the same RAM buffer as Search; classic query parser over title and
/// body with AND as the default operator. With <paramref name="positionalReads"/>, on Search's own directory instead (for the indexing
/// profile, to tell what the directory is worth from what the analysis costs). With <paramref name="metadata"/>, each document's
/// date (<c>yyyyMMdd</c>, a numeric field and doc values) and source (doc values) too, for the <see cref="QueryFeature"/>s: a
/// numeric range filter, a collector counting sources and years from doc values (Lucene.Net's Facet package is not
/// served here), a sort on the date, a deeper top-N, the Highlighter.
/// </summary>
public sealed class StandardLuceneEngine(string folder, bool positionalReads = false, bool metadata = false) : IBenchEngine
{
    private static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;
    // What a result list shows: the id and the headline (Search loads id, title, date, source and url).
    private static readonly ISet<string> HitFields = new HashSet<string> { "id", "title" };
    private readonly StandardAnalyzer analyzer = new(Version);
    private FSDirectory? directory;
    private DirectoryReader? reader;
    private IndexSearcher? searcher;

    public string Name => Engines.Standard;

    public string Description => "Lucene.Net 4.8.0-beta00017, StandardAnalyzer on title and body, " +
        (positionalReads ? "Search's PositionalReadDirectory" : "NIOFSDirectory") + ", BM25";

    private FSDirectory Open() => positionalReads ? new Search.Indexing.PositionalReadDirectory(folder) : new NIOFSDirectory(folder);

    public void Build(IEnumerable<NewsDocument> documents, int threads)
    {
        using var dir = Open();
        var config = new IndexWriterConfig(Version, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = SearchEngine.BuildRamBufferMB,
        };
        using var writer = new IndexWriter(dir, config);
        Engines.AddInParallel(documents, threads, d =>
        {
            var doc = new Document { new StringField("id", d.Id, Field.Store.YES) };
            if (d.Title is not null)
                doc.Add(new TextField("title", d.Title, Field.Store.YES));
            if (d.Body is not null)
                doc.Add(new TextField("body", d.Body, Field.Store.YES));
            if (metadata && FeatureFilter.Day(d.Date) is { } day)
            {
                doc.Add(new Int32Field("date", day, Field.Store.NO));
                doc.Add(new NumericDocValuesField("date", day));
            }
            if (metadata && !string.IsNullOrWhiteSpace(d.Source))
                doc.Add(new SortedDocValuesField("source", new BytesRef(d.Source.Trim())));
            writer.UpdateDocument(new Term("id", d.Id), doc);
        });
        writer.Commit();
    }

    public void OpenForSearch()
    {
        Dispose();
        directory = Open();
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
    }

    public long DocumentCount => reader?.NumDocs ?? throw new InvalidOperationException("Not open.");

    public long IndexBytes => BenchData.FolderBytes(folder);

    public long Run(BenchQuery query, bool searchBox = false, QueryFeature feature = QueryFeature.None)
    {
        var s = searcher ?? throw new InvalidOperationException("Not open.");
        // The parser keeps state: one per query (cheap), so searches may run on several threads.
        var parser = new MultiFieldQueryParser(Version, ["title", "body"], analyzer) { DefaultOperator = Operator.AND };
        var q = parser.Parse(query.Text);
        if (feature == QueryFeature.SortByDate)
        {
            // Newest first; a document without a date sorts as 0, last.
            var sorted = s.Search(q, null, 10, new Sort(new SortField("date", SortFieldType.INT32, true)));
            Fetch(s, sorted.ScoreDocs, 0);
            return sorted.TotalHits;
        }
        int wanted = feature == QueryFeature.DeepPage ? 100 : 10;
        // TopScoreDocCollector counts every match: the total is exact.
        var collector = TopScoreDocCollector.Create(wanted, docsScoredInOrder: false);
        var facets = feature == QueryFeature.Facets ? new FacetCounts(collector) : null;
        var filter = feature == QueryFeature.Filtered
            ? NumericRangeFilter.NewInt32Range("date", FeatureFilter.Day(FeatureFilter.From), FeatureFilter.Day(FeatureFilter.To), true, true)
            : null;
        s.Search(q, filter, (ICollector?)facets ?? collector);
        var top = collector.GetTopDocs();
        if (facets is not null && top.TotalHits > 0)
        {
            var (counted, byYear) = facets.Top(10);
            if (counted.Count + byYear.Count == 0)
                throw new InvalidOperationException($"standard: no facet counts for '{query.Text}'.");
        }
        Fetch(s, top.ScoreDocs, feature == QueryFeature.DeepPage ? 90 : 0);
        if (feature == QueryFeature.Snippets)
        {
            var highlighter = new Highlighter(new QueryScorer(q, "body")) { TextFragmenter = new SimpleFragmenter(240) };
            foreach (var sd in top.ScoreDocs)
                if (s.Doc(sd.Doc).Get("body") is { } body)
                    _ = highlighter.GetBestFragment(analyzer, "body", body);
        }
        return top.TotalHits;
    }

    private static void Fetch(IndexSearcher s, ScoreDoc[] hits, int from)
    {
        for (int i = from; i < hits.Length; i++)
            _ = s.Doc(hits[i].Doc, HitFields);
    }

    /// <summary>What a Lucene.Net user without the Facet package writes: the matches counted by source and year from doc values, around the top-N collector.</summary>
    private sealed class FacetCounts(ICollector top) : ICollector
    {
        private readonly Dictionary<string, int> sources = new(StringComparer.Ordinal);
        private readonly Dictionary<int, int> years = [];
        private SortedDocValues? source;
        private NumericDocValues? date;
        private int[] ordCounts = [];

        public bool AcceptsDocsOutOfOrder => top.AcceptsDocsOutOfOrder;

        public void SetScorer(Scorer scorer) => top.SetScorer(scorer);

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            top.SetNextReader(context);
            source = context.AtomicReader.GetSortedDocValues("source");
            ordCounts = source is null ? [] : new int[source.ValueCount];
            date = context.AtomicReader.GetNumericDocValues("date");
        }

        public void Collect(int doc)
        {
            top.Collect(doc);
            if (source is not null && source.GetOrd(doc) is var ord and >= 0)
                ordCounts[ord]++;
            if (date is not null && date.Get(doc) is var day and > 0)
                years[(int)(day / 10_000)] = years.GetValueOrDefault((int)(day / 10_000)) + 1;
        }

        /// <summary>The most frequent sources and years.</summary>
        public (List<KeyValuePair<string, int>> Sources, List<KeyValuePair<int, int>> Years) Top(int n)
        {
            Flush();
            return (sources.OrderByDescending(kv => kv.Value).Take(n).ToList(), years.OrderByDescending(kv => kv.Value).Take(n).ToList());
        }

        private void Flush()
        {
            if (source is null)
                return;
            var bytes = new BytesRef();
            for (int ord = 0; ord < ordCounts.Length; ord++)
            {
                if (ordCounts[ord] == 0)
                    continue;
                source.LookupOrd(ord, bytes);
                var key = bytes.Utf8ToString();
                sources[key] = sources.GetValueOrDefault(key) + ordCounts[ord];
            }
            source = null;
        }
    }

    public void Dispose()
    {
        reader?.Dispose();
        directory?.Dispose();
        reader = null;
        directory = null;
        searcher = null;
    }
}
