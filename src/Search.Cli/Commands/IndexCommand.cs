using System.CommandLine;
using Search.Ingest;

namespace Search.Cli.Commands;

/// <summary><c>search index [PATH...] [--index DIR]</c>: reads documents into the index.</summary>
internal static class IndexCommand
{
    public static Command Build(Console2 console)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = $"Files or folders to read (JSON Lines, optionally .gz; CSV with a header; plain-text articles), or - for JSON Lines on standard input. Default: {Defaults.DocumentsDirectory}.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var index = CommonOptions.Index();
        var rebuild = new Option<bool>("--rebuild") { Description = "Delete the index first and build it anew (needed after the analysis rules change)." };
        var commitEvery = new Option<int>("--commit-every")
        {
            Description = "Commit after this many documents, and at the end (0: only at the end).",
            DefaultValueFactory = _ => IngestOptions.DefaultCommitEvery,
            HelpName = "N",
        };
        var command = new Command("index", "Add documents to the index; a document with an existing id replaces it.") { paths, index, rebuild, commitEvery };
        command.SetAction(async (result, ct) =>
        {
            var dir = result.GetValue(index)!;
            var inputs = result.GetValue(paths) is { Length: > 0 } p ? p : [Defaults.DocumentsDirectory];
            if (result.GetValue(rebuild) && Directory.Exists(dir))
            {
                // --index pointed at the wrong folder must not delete someone's files.
                if (!SearchIndex.LooksLikeIndexFolder(dir))
                    throw new IndexUnavailableException($"Not deleting '{dir}' for --rebuild: it holds files and no index. Choose an empty or new folder for the index.");
                Directory.Delete(dir, recursive: true);
            }
            using var searchIndex = SearchIndex.Open(dir, BulkLoad);
            var summary = await console.IngestAsync(searchIndex, inputs, result.GetValue(commitEvery), ct);
            return summary.Rejected > 0 ? ExitCodes.InputRejected : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The writer of a load: nothing searches it while it loads, so it is refreshed once a minute instead of every second.
    /// Each refresh writes every adding thread's buffer, one after the other, as small segments that merges then rewrite:
    /// refreshed every second, the whole corpus took 42–46 s and 74–81 CPU s to load on two threads, once a minute 32–34 s
    /// and 57–62 CPU s (docs/benchmarks.md, run [Z5]). The refresh that remains bounds the ids the writer holds for its
    /// added-or-replaced count when nothing commits (--commit-every 0). Its few, large segments are written without compound
    /// files: packing each into one file copied it once more, 5 % of a load (run [Z5]).
    /// </summary>
    internal static readonly SearchIndexOptions BulkLoad = new() { RefreshInterval = TimeSpan.FromMinutes(1), CompoundFileMaxMB = 0 };

    /// <summary>
    /// Builds the default index from the bundled documents when it does not exist yet, or builds it again when an older
    /// version of Search built it (other analysis rules or schema), unless a writer holds it.
    /// </summary>
    public static Task EnsureDefaultIndexAsync(Console2 console, string dir, CancellationToken ct) =>
        EnsureDefaultIndexAsync(console, dir, Defaults.DocumentsDirectory, ct);

    /// <summary><see cref="EnsureDefaultIndexAsync(Console2, string, CancellationToken)"/> from <paramref name="documents"/> (tests).</summary>
    internal static async Task EnsureDefaultIndexAsync(Console2 console, string dir, string documents, CancellationToken ct)
    {
        bool stale = SearchIndex.IsStaleAndUnlocked(dir);
        if (SearchIndex.Exists(dir) && !stale)
            return;
        if (!Directory.Exists(documents))
            throw new IndexUnavailableException($"No index at '{dir}' and no '{documents}' to build it from. Run search index PATH... first, or run from the repository root.");
        if (stale)
        {
            // The default index is the tool's own, built from the bundled documents: an upgrade rebuilds it instead of
            // sending the user to --rebuild. An index given with --index is never deleted this way.
            console.Message($"The index at '{dir}' was built by another version of Search: building it again from {documents} (once).");
            Directory.Delete(dir, recursive: true);
        }
        else
            console.Message($"No index at '{dir}' yet: building it from {documents} (once).");
        using var index = SearchIndex.Open(dir, BulkLoad);
        await console.IngestAsync(index, [documents], IngestOptions.DefaultCommitEvery, ct);
    }
}
