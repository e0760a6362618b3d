using System.IO.Compression;
using System.Text;
using Search.Ingest;

namespace Search.Core.Tests.Ingest;

/// <summary>Paths of the fixtures copied next to the test assembly, and helpers to read them.</summary>
internal static class TestFiles
{
    public static string Fixture(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static List<IngestRecord> ReadAll(string path, TextReader? stdin = null) =>
        DocumentReader.Read(path, stdin).ToList();

    public static List<NewsDocument> Documents(this IEnumerable<IngestRecord> records) =>
        records.Where(r => r.Document is not null).Select(r => r.Document!).ToList();

    public static List<IngestRecord> Rejected(this IEnumerable<IngestRecord> records) =>
        records.Where(r => r.Error is not null).ToList();

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>A fresh folder under the system temp folder, deleted at the end of the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("search-ingest-").FullName;
    }

    public string Path { get; }

    public string Write(string relative, byte[] content)
    {
        string file = System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, content);
        return file;
    }

    public string Write(string relative, string content) => Write(relative, TestFiles.Utf8(content));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
    }
}
