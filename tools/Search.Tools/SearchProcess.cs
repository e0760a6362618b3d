using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Search.Tools;

/// <summary>
/// The built <c>search</c> command as a child process: <c>search index</c> to build an index and <c>search serve</c>
/// to serve it, exactly as a user runs them. By default the CLI built beside this tool in the same configuration
/// (<c>src/Search.Cli/bin/CONFIG/TFM/search.dll</c>); <c>--search</c> names another (a <c>search.dll</c> or an
/// installed <c>search</c> executable).
/// </summary>
internal static partial class SearchCli
{
    /// <summary>The CLI to run: <paramref name="given"/>, or the one built in this repository.</summary>
    /// <exception cref="FileNotFoundException">Neither exists.</exception>
    public static string Locate(string? given)
    {
        if (given is not null)
            return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"No search CLI at '{given}'.");
        var config = typeof(SearchCli).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var tfm = Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        if (RepositoryRoot() is { } root && Path.Combine(root, "src", "Search.Cli", "bin", config, tfm, "search.dll") is var dll && File.Exists(dll))
            return dll;
        throw new FileNotFoundException($"The search CLI is not built: run 'dotnet build src/Search.Cli -c {config}', or pass --search PATH.");
    }

    /// <summary>The folder holding Search.sln, above this program or the current folder; <c>null</c> outside a clone.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Search.sln")))
                    return dir.FullName;
        return null;
    }

    /// <summary><paramref name="relative"/> under the repository root when it exists there.</summary>
    public static string? InRepository(params string[] relative) =>
        RepositoryRoot() is { } root && Path.GetFullPath(Path.Combine([root, .. relative])) is var p && (File.Exists(p) || Directory.Exists(p)) ? p : null;

    /// <summary>How to start <paramref name="cli"/> with <paramref name="args"/>, output redirected.</summary>
    public static ProcessStartInfo StartInfo(string cli, IEnumerable<string> args)
    {
        bool dll = cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var psi = new ProcessStartInfo(dll ? CrashTest.DotnetHost() : cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dll)
            psi.ArgumentList.Add(cli);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>Runs <c>search index PATH --index DIR</c> to the end; returns its exit code and its last message line.</summary>
    public static async Task<(int ExitCode, string Last)> IndexAsync(string cli, string corpus, string index, CancellationToken ct)
    {
        using var p = Process.Start(StartInfo(cli, ["index", corpus, "--index", index])) ?? throw new InvalidOperationException("could not start search index");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = await p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        await stdout;
        var last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        return (p.ExitCode, last);
    }

    [GeneratedRegex(@" at (http://127\.0\.0\.1:\d+) \(")]
    internal static partial Regex ServingAt();
}

/// <summary>
/// A running <c>search serve</c> on 127.0.0.1 and a free port (<c>--urls http://127.0.0.1:0</c>; the address is read
/// from its "Serving … at URL" line). The token goes through <c>SEARCH_TOKEN</c>, not the command line. Whatever else the
/// server writes (ASP.NET Core logs warnings and errors to stdout) is kept in <see cref="Log"/>.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> log = [];
    private readonly TaskCompletionSource<string> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task pump;

    private ServerProcess(Process process)
    {
        this.process = process;
        // Messages come on stderr, ASP.NET Core's log on stdout: both are kept.
        pump = Task.WhenAll(Pump(process.StandardError), Pump(process.StandardOutput))
            .ContinueWith(_ => listening.TrySetException(new InvalidOperationException("search serve ended before it listened: " + string.Join(" | ", Log.TakeLast(5)))),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private Task Pump(StreamReader reader) => Task.Run(async () =>
    {
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            if (!listening.Task.IsCompleted && SearchCli.ServingAt().Match(line) is { Success: true } m)
            {
                listening.TrySetResult(m.Groups[1].Value);
                continue;
            }
            lock (log)
                log.Add(line);
        }
    });

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>What the server wrote (stderr and stdout), apart from its "Serving" line.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (log)
                return log.ToList();
        }
    }

    /// <summary>Starts <c>search serve</c> (writable with <paramref name="token"/>, else read-only) and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(string cli, string index, string? token, TimeSpan timeout, CancellationToken ct)
    {
        var psi = SearchCli.StartInfo(cli, ["serve", "--index", index, "--urls", "http://127.0.0.1:0", .. token is null ? Array.Empty<string>() : ["--writable"]]);
        if (token is not null)
            psi.Environment["SEARCH_TOKEN"] = token;
        var server = new ServerProcess(Process.Start(psi) ?? throw new InvalidOperationException("could not start search serve"));
        try
        {
            server.Url = await server.listening.Task.WaitAsync(timeout, ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush. What a commit acknowledged must survive it.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
        try
        {
            await pump.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or IOException)
        {
            // The process is gone; its pipe may close late or badly.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }
}
