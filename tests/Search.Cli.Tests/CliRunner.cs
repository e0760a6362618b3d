using Search.Cli;

// The commands set process-wide state while they index (the garbage collector's latency mode, Console2.IngestAsync), and
// one test checks it: the command tests run one at a time (they take about two seconds together).
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Search.Cli.Tests;

/// <summary>Runs the search command in process and captures what it writes.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error);

internal static class CliRunner
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SearchCommand.RunAsync(args, new Console2(output, error, errorIsTerminal: false));
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "search-cli-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name, string content)
    {
        var full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
