namespace Search.Cli;

/// <summary>The exit codes of the search command.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>Some input was rejected (reported on stderr); the rest was processed.</summary>
    public const int InputRejected = 1;

    /// <summary>A usage error or a query syntax error.</summary>
    public const int Usage = 2;

    /// <summary>The index is missing or unreadable.</summary>
    public const int IndexUnavailable = 3;
}
