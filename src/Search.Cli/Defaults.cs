namespace Search.Cli;

/// <summary>Default locations, relative to the current folder (the repository root for the README's commands).</summary>
internal static class Defaults
{
    public const string IndexDirectory = "index-data/index";
    public const string DocumentsDirectory = "index-data/docs";
}
