namespace Search.Cli.Tests;

public sealed class ReliabilityCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Rebuild_does_not_delete_a_folder_that_is_not_an_index()
    {
        var docs = temp.File("docs.jsonl", "{\"id\":\"a\",\"title\":\"A\"}\n");
        var precious = temp.File("precious/notes.txt", "not an index");
        var run = await CliRunner.RunAsync("index", docs, "--index", Path.GetDirectoryName(precious)!, "--rebuild");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("holds files and no index", run.Error);
        Assert.True(File.Exists(precious));
    }

    [Fact]
    public async Task Rebuild_replaces_a_damaged_index()
    {
        var docs = temp.File("docs.jsonl", "{\"id\":\"a\",\"title\":\"A\"}\n");
        var index = Path.Combine(temp.Path, "index");
        Assert.Equal(0, (await CliRunner.RunAsync("index", docs, "--index", index)).ExitCode);
        var segments = Directory.GetFiles(index, "segments_*").Single();
        File.WriteAllBytes(segments, [1, 2, 3]);

        var query = await CliRunner.RunAsync("query", "A", "--index", index);
        Assert.Equal(3, query.ExitCode);
        Assert.Contains("Rebuild", query.Error);
        Assert.Equal(0, (await CliRunner.RunAsync("index", docs, "--index", index, "--rebuild")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("query", "A", "--index", index)).ExitCode);
    }
}
