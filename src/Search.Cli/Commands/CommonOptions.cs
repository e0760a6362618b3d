using System.CommandLine;

namespace Search.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string> Index() => new("--index")
    {
        Description = $"The index folder (default: {Defaults.IndexDirectory}).",
        DefaultValueFactory = _ => Defaults.IndexDirectory,
        HelpName = "DIR",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of text." };

    /// <summary>Whether the user left --index at its default.</summary>
    public static bool IsDefault(ParseResult result, Option<string> index) =>
        result.GetResult(index) is null || result.GetResult(index)!.Implicit;
}
