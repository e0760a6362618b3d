using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Benchmarks.Data;

namespace Search.Benchmarks.Engines;

/// <summary>
/// The Lucene.Net baseline a .NET user would write: plain <see cref="StandardAnalyzer"/> on title and body, id,
/// title and body stored (hits fetch id and title), NIOFSDirectory, BM25, the same RAM buffer as Search; classic query parser over title and
/// body with AND as the default operator. With <paramref name="positionalReads"/>, on Search's own directory instead (for the indexing
/// profile, to tell what the directory is worth from what the analysis costs).
/// </summary>
public sealed class StandardLuceneEngine(string folder, bool positionalReads = false) : IBenchEngine
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

    public long Run(BenchQuery query, bool searchBox = false)
    {
        var s = searcher ?? throw new InvalidOperationException("Not open.");
        // The parser keeps state: one per query (cheap), so searches may run on several threads.
        var parser = new MultiFieldQueryParser(Version, ["title", "body"], analyzer) { DefaultOperator = Operator.AND };
        var q = parser.Parse(query.Text);
        // TopScoreDocCollector counts every match: the total is exact.
        var collector = TopScoreDocCollector.Create(10, docsScoredInOrder: false);
        s.Search(q, collector);
        var top = collector.GetTopDocs();
        foreach (var sd in top.ScoreDocs)
            _ = s.Doc(sd.Doc, HitFields);
        return top.TotalHits;
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
