using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Search.Results;

namespace Search.Cli.Commands;

/// <summary><c>search stats [--index DIR] [--json]</c>.</summary>
internal static class StatsCommand
{
    public static Command Build(Console2 console)
    {
        var index = CommonOptions.Index();
        var json = CommonOptions.Json();
        var command = new Command("stats", "Show the document count, segments, size on disk and last commit.") { index, json };
        command.SetAction(result =>
        {
            using var searchIndex = SearchIndex.Open(result.GetValue(index)!, new SearchIndexOptions { ReadOnly = true, RefreshInterval = TimeSpan.Zero });
            var stats = searchIndex.GetStats();
            if (result.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(JsonShapes.Stats(stats), JsonShapes.Options));
            }
            else
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"documents:   {stats.Documents:N0}"));
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"segments:    {stats.Segments}"));
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"size:        {stats.SizeBytes / 1048576.0:N1} MB ({stats.SizeBytes:N0} bytes)"));
                console.Out.WriteLine($"last commit: {stats.LastCommit?.ToString("u", CultureInfo.InvariantCulture) ?? "never"}");
                console.Out.WriteLine($"analysis:    {stats.AnalysisFingerprint}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
