using System.CommandLine;
using Search.Cli;
using Search.Cli.Commands;

return await SearchCommand.RunAsync(args, Console2.System);

namespace Search.Cli
{
    /// <summary>The root of the search command: its subcommands and the mapping of errors to exit codes.</summary>
    internal static class SearchCommand
    {
        public static RootCommand Build(Console2 console)
        {
            var root = new RootCommand("Search: full-text search for news archives that finds names however they are spelled.");
            root.Subcommands.Add(IndexCommand.Build(console));
            root.Subcommands.Add(QueryCommand.Build(console));
            root.Subcommands.Add(StatsCommand.Build(console));
            root.Subcommands.Add(DeleteCommand.Build(console));
            root.Subcommands.Add(ServeCommand.Build(console));
            return root;
        }

        public static async Task<int> RunAsync(string[] args, Console2 console)
        {
            var root = Build(console);
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var error in parsed.Errors)
                    console.Message($"error: {error.Message}");
                console.Message("Try 'search --help'.");
                return ExitCodes.Usage;
            }
            try
            {
                return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
            }
            catch (QueryException e)
            {
                console.Message($"error: {e.Message}" + (e.Position is { } p ? $" (at position {p})" : ""));
                return ExitCodes.Usage;
            }
            catch (IndexUnavailableException e)
            {
                console.Message($"error: {e.Message}");
                return ExitCodes.IndexUnavailable;
            }
            catch (SearchException e)
            {
                console.Message($"error: {e.Message}");
                return ExitCodes.InputRejected;
            }
            catch (OperationCanceledException)
            {
                console.Message("cancelled");
                return 130;
            }
        }
    }
}
