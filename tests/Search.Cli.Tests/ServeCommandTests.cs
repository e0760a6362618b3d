namespace Search.Cli.Tests;

/// <summary>What <c>search serve</c> refuses before it listens (the server itself is tested in Search.Web.Tests).</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Writable_without_a_token_refuses_to_start()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SEARCH_TOKEN")))
            return; // the variable would supply the token
        using var folder = new TempFolder();
        var run = await CliRunner.RunAsync("serve", "--index", folder.Path, "--writable", "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("token", run.Error);
    }

    [Fact]
    public async Task A_missing_index_is_reported_not_created()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "nothing-here");
        var run = await CliRunner.RunAsync("serve", "--index", missing, "--urls", "http://127.0.0.1:0");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("No index", run.Error);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task Help_names_the_safe_defaults()
    {
        var run = await CliRunner.RunAsync("serve", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("127.0.0.1:5000", run.Out);
        Assert.Contains("--writable", run.Out);
    }
}
