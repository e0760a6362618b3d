namespace Search;

/// <summary>The base of every error Search reports on purpose; its message is meant for the user.</summary>
public class SearchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SearchException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A query that cannot be parsed in the strict syntax, or a request parameter out of bounds.</summary>
public sealed class QueryException : SearchException
{
    /// <summary>Creates the exception.</summary>
    public QueryException(string message, int? position = null, Exception? inner = null) : base(message, inner) => Position = position;

    /// <summary>The 0-based character position in the query where the problem is, when known.</summary>
    public int? Position { get; }
}

/// <summary>The index cannot be opened: missing, locked by another writer, unreadable, or built by other rules.</summary>
public sealed class IndexUnavailableException : SearchException
{
    /// <summary>Creates the exception.</summary>
    public IndexUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}
