using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search;

// What the index does when the disk, the folder or another process works against it: who holds the
// writer, what a failed commit means, and which folders are not an index at all.
public sealed partial class SearchIndex
{
    /// <summary>
    /// The side file that names the process holding the writer. Lucene's write.lock says nothing about its
    /// holder; this file, written after the lock is obtained and deleted on dispose, lets a second writer's
    /// error say who to stop. A stale one (left by a killed process) is overwritten by the next writer.
    /// </summary>
    internal const string WriterInfoFile = "writer.info";

    /// <summary>Opens an index on a Lucene directory the caller made (tests wrap one to inject disk errors).</summary>
    internal static SearchIndex Open(LuceneDirectory directory, string? path, SearchIndexOptions? options = null) =>
        new(directory, path, options ?? new SearchIndexOptions());

    /// <summary>Merges the index down to at most <paramref name="maxSegments"/> segments (the crash test forces merges).</summary>
    internal void ForceMerge(int maxSegments)
    {
        var w = Writer();
        WriteGuarded(() => w.ForceMerge(maxSegments));
    }

    /// <summary>
    /// Whether <paramref name="folder"/> may be deleted to rebuild an index: it is empty, or it holds index
    /// files (a commit, a lock, a segment), readable or not. A folder of other files is never taken for one.
    /// </summary>
    internal static bool LooksLikeIndexFolder(string folder)
    {
        if (!System.IO.Directory.Exists(folder))
            return true;
        var names = System.IO.Directory.EnumerateFileSystemEntries(folder).Select(System.IO.Path.GetFileName).ToList();
        return names.Count == 0 || names.Any(n => n is not null && (n.StartsWith("segments", StringComparison.Ordinal) || n is "write.lock" or WriterInfoFile));
    }

    /// <summary>
    /// Whether <paramref name="folder"/> holds an index of Search built with other analysis rules or another schema (so
    /// <see cref="Open(string, SearchIndexOptions?)"/> would refuse it), and no writer holds it. False for anything else,
    /// which opening then reports.
    /// </summary>
    internal static bool IsStaleAndUnlocked(string folder)
    {
        if (!System.IO.Directory.Exists(folder))
            return false;
        try
        {
            using var dir = new Indexing.PositionalReadDirectory(folder);
            if (!DirectoryReader.IndexExists(dir) || IndexWriter.IsLocked(dir))
                return false;
            return StampOf(DirectoryReader.ListCommits(dir)[^1].UserData) is { IsCurrent: false };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CorruptIndexException)
        {
            return false;
        }
    }

    // Files that may sit in a folder before an index is created in it, or that are not part of a commit.
    private static bool IsIgnorable(string name) => name.StartsWith('.') || name is "write.lock" or WriterInfoFile;

    /// <summary>
    /// Run where <see cref="DirectoryReader.IndexExists"/> said no: a folder with a broken commit, or one
    /// full of other files, must not be taken for an empty index (the writer would start a new one over it).
    /// </summary>
    private static void CheckNoForeignFiles(LuceneDirectory directory, string? path)
    {
        var files = directory.ListAll().Where(f => !IsIgnorable(f)).ToList();
        if (files.Count == 0)
            return;
        if (files.Any(f => f.StartsWith("segments", StringComparison.Ordinal)))
            throw new IndexUnavailableException(
                $"The index at '{path}' cannot be read: its commit file ({string.Join(", ", files.Where(f => f.StartsWith("segments", StringComparison.Ordinal)))}) is damaged or from another format. Rebuild it: search index --rebuild --index {path}");
        throw new IndexUnavailableException(
            $"The folder '{path}' is not empty and holds no index (it has {files.Count} other file{(files.Count == 1 ? "" : "s")}, e.g. '{files[0]}'). Choose an empty or new folder for the index.");
    }

    /// <summary>Turns what Lucene throws on a damaged index into the user's error, naming the remedy.</summary>
    private static IndexUnavailableException Unreadable(Exception e, string? path) => e switch
    {
        UnauthorizedAccessException => new IndexUnavailableException(
            $"The index at '{path}' cannot be opened: permission denied ({e.Message}). Fix the folder's permissions, or open it read-only.", e),
        _ => new IndexUnavailableException(
            $"The index at '{path}' cannot be read ({e.GetType().Name}: {e.Message}). Rebuild it: search index --rebuild --index {path}", e),
    };

    /// <summary>Runs a write to disk; a failed write (disk full, read-only folder) becomes a <see cref="SearchException"/>.</summary>
    private void WriteGuarded(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not Lucene.Net.Store.LockObtainFailedException)
        {
            // The failed flush may have thrown away lexicon documents whose articles the user is told to add again.
            lexicon.WriteFailed();
            throw new SearchException(
                $"Writing to the index at '{Path ?? "(memory)"}' failed: {e.Message.TrimEnd('.')}. The index on disk is intact at its last commit"
                + (LastCommitTime() is { } t ? $" ({t})" : "")
                + "; changes since then are not saved. Free space or fix the folder's permissions, then commit again or re-add them.", e);
        }
    }

    private string? LastCommitTime()
    {
        try
        {
            var commits = DirectoryReader.ListCommits(directory);
            return commits.Count > 0 && commits[^1].UserData.TryGetValue(Indexing.Schema.CommitTime, out var t) ? t : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void WriteWriterInfo()
    {
        if (Path is null)
            return;
        try
        {
            using var self = Process.GetCurrentProcess();
            File.WriteAllText(WriterInfoPath(Path), string.Create(CultureInfo.InvariantCulture,
                $"pid={Environment.ProcessId}\nprocess={self.ProcessName}\nmachine={Environment.MachineName}\nuser={Environment.UserName}\nsince={DateTimeOffset.UtcNow:o}\n"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a courtesy for the next writer's error message; the lock itself is what protects the index.
        }
    }

    private void DeleteWriterInfo()
    {
        if (Path is null)
            return;
        try
        {
            File.Delete(WriterInfoPath(Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind, it is overwritten by the next writer.
        }
    }

    /// <summary>"process 'search' (pid 123, user root) on host, writing since …", or a plain note when unknown.</summary>
    internal static string DescribeHolder(string? path)
    {
        if (path is null)
            return "another writer in this process";
        try
        {
            var info = File.ReadAllLines(WriterInfoPath(path))
                .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
            if (info.TryGetValue("pid", out var pid))
                return $"process '{info.GetValueOrDefault("process", "?")}' (pid {pid}, user {info.GetValueOrDefault("user", "?")}) on {info.GetValueOrDefault("machine", "?")}, writing since {info.GetValueOrDefault("since", "?")}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Fall through: the holder did not say who it is.
        }
        return "a writer that did not say who it is (no writer.info)";
    }

    private static string WriterInfoPath(string path) => System.IO.Path.Combine(System.IO.Path.GetFullPath(path), WriterInfoFile);
}
