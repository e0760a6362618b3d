using System.Text.Json;
using Search.Cli.Commands;

namespace Search.Cli.Tests;

public sealed class CommandTests : IDisposable
{
    private readonly TempFolder temp = new();
    private string IndexDir => Path.Combine(temp.Path, "index");

    public void Dispose() => temp.Dispose();

    private const string GoodLines =
        """
        {"id": "n1", "title": "Iran and Iraq agree to talks", "body": "The Iran Iraq war may end, officials said in Baghdad.", "date": "1987-05-01", "source": "Reuters", "url": null}
        {"id": "n2", "title": "Oil output rises", "body": "OPEC output rose in March.", "date": "1987-04-02", "source": "Reuters", "url": "https://example.org/n2"}
        {"id": "n3", "title": "Gulf shipping", "body": "Tankers in the Gulf were attacked during the war.", "date": "1987-06-03T10:20:00", "source": "AP", "url": null}
        """;

    [Fact]
    public async Task A_malformed_line_is_reported_with_its_number_and_the_rest_is_indexed()
    {
        var file = temp.File("docs.jsonl", GoodLines.Replace("\n{\"id\": \"n2\"", "\n{not json\n{\"id\": \"n2\""));
        var run = await CliRunner.RunAsync("index", file, "--index", IndexDir);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{file}:2:", run.Error);
        Assert.Contains("indexed 3, replaced 0, rejected 1", run.Error);
        Assert.Equal("", run.Out);

        var query = await CliRunner.RunAsync("query", "OPEC", "--index", IndexDir, "--json");
        Assert.Equal(0, query.ExitCode);
        using var json = JsonDocument.Parse(query.Out);
        Assert.Equal(1, json.RootElement.GetProperty("total").GetInt64());
        Assert.Equal("n2", json.RootElement.GetProperty("hits")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Indexing_collects_garbage_in_batch_mode_and_then_puts_the_mode_back()
    {
        var before = System.Runtime.GCSettings.LatencyMode;
        Assert.NotEqual(System.Runtime.GCLatencyMode.Batch, before);
        // The rejection of the malformed line is written while the ingest runs: the writer notes the mode then.
        var file = temp.File("docs.jsonl", GoodLines.Replace("\n{\"id\": \"n2\"", "\n{not json\n{\"id\": \"n2\""));
        var error = new ModeRecordingWriter();
        var code = await SearchCommand.RunAsync(["index", file, "--index", IndexDir], new Console2(new StringWriter(), error, errorIsTerminal: false));
        Assert.Equal(1, code);
        Assert.Contains("rejected: ", error.Text);
        Assert.Equal(System.Runtime.GCLatencyMode.Batch, Assert.Single(error.ModesWhileRejecting));
        Assert.Equal(before, System.Runtime.GCSettings.LatencyMode);
    }

    private sealed class ModeRecordingWriter : StringWriter
    {
        public List<System.Runtime.GCLatencyMode> ModesWhileRejecting { get; } = [];

        public string Text => ToString();

        public override void WriteLine(string? value)
        {
            if (value?.StartsWith("rejected: ", StringComparison.Ordinal) == true)
                ModesWhileRejecting.Add(System.Runtime.GCSettings.LatencyMode);
            base.WriteLine(value);
        }
    }

    /// <summary>Stamps the index in <paramref name="dir"/> as built with schema <paramref name="schema"/>, and leaves its writer open when asked.</summary>
    private static Lucene.Net.Index.IndexWriter? Restamp(string dir, string schema, bool keepOpen = false)
    {
        var directory = new Lucene.Net.Store.NIOFSDirectory(dir);
        var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, null)
        {
            OpenMode = Lucene.Net.Index.OpenMode.APPEND,
        });
        writer.SetCommitData(new Dictionary<string, string>
        {
            [Search.Indexing.Schema.CommitAnalysis] = Search.Indexing.Schema.Fingerprint,
            [Search.Indexing.Schema.CommitSchema] = schema,
        });
        writer.Commit();
        if (keepOpen)
            return writer;
        writer.Dispose();
        directory.Dispose();
        return null;
    }

    [Fact]
    public async Task A_default_index_an_older_version_built_is_built_again_unless_a_writer_holds_it()
    {
        var docs = Directory.CreateDirectory(Path.Combine(temp.Path, "docs")).FullName;
        File.WriteAllText(Path.Combine(docs, "a.jsonl"), GoodLines);
        using (var old = SearchIndex.Open(IndexDir))
        {
            old.AddOrUpdate(new NewsDocument("old", "Old news", "From an older version.", null));
            await old.CommitAsync();
        }

        // A writer holds it: left alone (opening it then says to rebuild).
        using (Restamp(IndexDir, "3", keepOpen: true))
        {
            var held = new StringWriter();
            await IndexCommand.EnsureDefaultIndexAsync(new Console2(new StringWriter(), held, errorIsTerminal: false), IndexDir, docs, CancellationToken.None);
            Assert.Equal("", held.ToString());
        }
        var refused = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(IndexDir, new SearchIndexOptions { ReadOnly = true }));
        Assert.Contains("search index --rebuild", refused.Message);

        var error = new StringWriter();
        await IndexCommand.EnsureDefaultIndexAsync(new Console2(new StringWriter(), error, errorIsTerminal: false), IndexDir, docs, CancellationToken.None);
        Assert.Contains("built by another version of Search: building it again", error.ToString());
        using (var rebuilt = SearchIndex.Open(IndexDir, new SearchIndexOptions { ReadOnly = true }))
        {
            Assert.Equal(3, rebuilt.GetStats().Documents);
            Assert.Null(rebuilt.Get("old"));
        }

        // Current now: left alone.
        var again = new StringWriter();
        await IndexCommand.EnsureDefaultIndexAsync(new Console2(new StringWriter(), again, errorIsTerminal: false), IndexDir, docs, CancellationToken.None);
        Assert.Equal("", again.ToString());
    }

    [Fact]
    public async Task Query_json_has_the_documented_shape()
    {
        var file = temp.File("docs.jsonl", GoodLines);
        Assert.Equal(0, (await CliRunner.RunAsync("index", file, "--index", IndexDir)).ExitCode);
        var run = await CliRunner.RunAsync("query", "Iran Iraq war", "--index", IndexDir, "--json");
        Assert.Equal(0, run.ExitCode);
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(1, root.GetProperty("total").GetInt64());
        Assert.True(root.GetProperty("took_ms").GetDouble() >= 0);
        var hit = root.GetProperty("hits")[0];
        foreach (var key in new[] { "id", "title", "date", "source", "url", "score", "snippet", "matched" })
            Assert.True(hit.TryGetProperty(key, out _), $"hit has no '{key}'");
        Assert.Equal("n1", hit.GetProperty("id").GetString());
        Assert.Equal("1987-05-01", hit.GetProperty("date").GetString());
        Assert.Contains("<mark>Iran</mark>", hit.GetProperty("snippet").GetString());
        Assert.True(hit.GetProperty("score").GetDouble() > 0);
        var sources = root.GetProperty("facets").GetProperty("source");
        Assert.Equal("Reuters", sources[0].GetProperty("value").GetString());
        Assert.Equal(1, sources[0].GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Query_text_output_and_filters()
    {
        var file = temp.File("docs.jsonl", GoodLines);
        await CliRunner.RunAsync("index", file, "--index", IndexDir);
        var run = await CliRunner.RunAsync("query", "war", "--index", IndexDir, "--source", "AP");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("1 hits", run.Out);
        Assert.Contains("Gulf shipping", run.Out);
        var dated = await CliRunner.RunAsync("query", "war", "--index", IndexDir, "--from-date", "1987-06-01", "--json");
        Assert.Equal(1, JsonDocument.Parse(dated.Out).RootElement.GetProperty("total").GetInt64());
        var sorted = await CliRunner.RunAsync("query", "", "--index", IndexDir, "--sort", "date", "--json");
        var ids = JsonDocument.Parse(sorted.Out).RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["n3", "n1", "n2"], ids);
    }

    [Fact]
    public async Task Query_timeout_sets_the_time_budget()
    {
        var file = temp.File("docs.jsonl", GoodLines);
        await CliRunner.RunAsync("index", file, "--index", IndexDir);
        // A budget no search can keep: the result comes back, marked partial, with its exit code 0.
        var spent = await CliRunner.RunAsync("query", "war", "--index", IndexDir, "--timeout", "0.0000001");
        Assert.Equal(0, spent.ExitCode);
        Assert.Contains("partial: the time budget ran out", spent.Out);
        var json = await CliRunner.RunAsync("query", "Iran", "--index", IndexDir, "--timeout", "0.0000001", "--json");
        Assert.True(JsonDocument.Parse(json.Out).RootElement.GetProperty("partial").GetBoolean());
        // The default (30 s) is kept, and the budget must be positive.
        var full = await CliRunner.RunAsync("query", "Iran", "--index", IndexDir, "--json");
        Assert.False(JsonDocument.Parse(full.Out).RootElement.GetProperty("partial").GetBoolean());
        var zero = await CliRunner.RunAsync("query", "war", "--index", IndexDir, "--timeout", "0");
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--timeout", zero.Error);
    }

    [Fact]
    public async Task Replacing_and_deleting_are_counted()
    {
        var file = temp.File("docs.jsonl", GoodLines);
        await CliRunner.RunAsync("index", file, "--index", IndexDir);
        var again = await CliRunner.RunAsync("index", file, "--index", IndexDir);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("indexed 0, replaced 3, rejected 0", again.Error);

        var delete = await CliRunner.RunAsync("delete", "n1", "nope", "--index", IndexDir);
        Assert.Equal(1, delete.ExitCode);
        Assert.Contains("not found: nope", delete.Error);

        var stats = await CliRunner.RunAsync("stats", "--index", IndexDir, "--json");
        Assert.Equal(0, stats.ExitCode);
        var root = JsonDocument.Parse(stats.Out).RootElement;
        Assert.Equal(2, root.GetProperty("documents").GetInt64());
        Assert.True(root.GetProperty("segments").GetInt32() >= 1);
        Assert.True(root.GetProperty("size_bytes").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("last_commit").GetString()));
    }

    [Fact]
    public async Task The_seed_article_is_read_from_its_plain_text_form()
    {
        var seed = Path.Combine(RepoRoot(), "index-data", "docs", "seed", "000_521a624e41822327.txt");
        var run = await CliRunner.RunAsync("index", seed, "--index", IndexDir);
        Assert.Equal(0, run.ExitCode);
        var query = await CliRunner.RunAsync("query", "Pezeshkian", "--index", IndexDir, "--json");
        var hit = JsonDocument.Parse(query.Out).RootElement.GetProperty("hits")[0];
        Assert.Equal("000_521a624e41822327", hit.GetProperty("id").GetString());
        Assert.Equal("2025-03-31", hit.GetProperty("date").GetString());
        Assert.Equal("ETV Bharat", hit.GetProperty("source").GetString());
        Assert.Equal("Iran Has Rejected Direct Negotiations With The US In Response To Trump's Letter", hit.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Standard_input_is_read_as_json_lines()
    {
        var input = new StringReader(GoodLines);
        var original = Console.In;
        Console.SetIn(input);
        try
        {
            var run = await CliRunner.RunAsync("index", "-", "--index", IndexDir);
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("indexed 3", run.Error);
        }
        finally
        {
            Console.SetIn(original);
        }
    }

    [Fact]
    public async Task Exit_codes_for_usage_syntax_and_missing_index()
    {
        var missing = await CliRunner.RunAsync("query", "Iran", "--index", Path.Combine(temp.Path, "none"));
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("No index", missing.Error);

        var file = temp.File("docs.jsonl", GoodLines);
        await CliRunner.RunAsync("index", file, "--index", IndexDir);
        var syntax = await CliRunner.RunAsync("query", "Iran AND (", "--syntax", "lucene", "--index", IndexDir);
        Assert.Equal(2, syntax.ExitCode);
        Assert.Contains("position", syntax.Error);
        Assert.Equal("", syntax.Out);

        var usage = await CliRunner.RunAsync("query", "Iran", "--no-such-option");
        Assert.Equal(2, usage.ExitCode);
        var badSort = await CliRunner.RunAsync("query", "Iran", "--sort", "sideways", "--index", IndexDir);
        Assert.Equal(2, badSort.ExitCode);
        var tooBig = await CliRunner.RunAsync("query", "Iran", "--top", "100000", "--index", IndexDir);
        Assert.Equal(2, tooBig.ExitCode);
    }

    [Fact]
    public async Task Help_is_available_everywhere()
    {
        foreach (var command in new[] { "index", "query", "stats", "delete" })
        {
            var run = await CliRunner.RunAsync(command, "--help");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("--index", run.Out);
        }
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Search.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Search.sln not found above " + AppContext.BaseDirectory);
    }
}
