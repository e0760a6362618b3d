using Search.Ingest;

namespace Search.Core.Tests.Ingest;

public class BundledSampleTests
{
    /// <summary>The folder holding Search.sln (the repository root), found from the test binaries.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Search.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Search.sln above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void Index_data_docs_is_read_whole_without_rejections()
    {
        string docs = Path.Combine(RepositoryRoot(), "index-data", "docs");

        List<IngestRecord> records = DocumentReader.Read(docs).ToList();

        Assert.Empty(records.Where(r => r.Error is not null).Select(r => r.ToString()));
        Assert.Equal(804 + 2000 + 1, records.Count);
        Assert.Equal(records.Count, records.Select(r => r.Document!.Id).Distinct().Count());
        Assert.Equal(804, records.Count(r => r.Document!.Id.StartsWith("fakes-", StringComparison.Ordinal)));
        Assert.Equal(2000, records.Count(r => r.Document!.Id.StartsWith("r21578-", StringComparison.Ordinal)));
        Assert.Equal("ETV Bharat", records.Single(r => r.Document!.Id == "000_521a624e41822327").Document!.Source);
    }
}
