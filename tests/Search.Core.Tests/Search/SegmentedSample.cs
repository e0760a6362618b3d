using Search.Core.Tests.Ingest;
using Search.Ingest;

namespace Search.Core.Tests.Search;

/// <summary>
/// The bundled sample on disk, committed in pieces with a small buffer so the index has many segments of different sizes,
/// every 25th document deleted; a class fixture, built once per test class that uses it.
/// </summary>
public sealed class SegmentedSample : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "search-segmented-" + Guid.NewGuid().ToString("N"));

    public SegmentedSample()
    {
        var docs = DocumentReader.Read(Path.Combine(BundledSampleTests.RepositoryRoot(), "index-data", "docs")).Select(r => r.Document!).ToList();
        using var writer = SearchIndex.Open(Folder, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, RamBufferMB = 1 });
        for (int i = 0; i < docs.Count; i++)
        {
            writer.AddOrUpdate(docs[i]);
            if (i % 250 == 249)
                writer.CommitAsync().GetAwaiter().GetResult();
        }
        for (int i = 0; i < docs.Count; i += 25)
            writer.Delete(docs[i].Id);
        writer.CommitAsync().GetAwaiter().GetResult();
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
