namespace Search.Web;

/// <summary>How <see cref="SearchWebApp"/> serves an index. Every default is the safe one: loopback, read-only.</summary>
public sealed class WebOptions
{
    /// <summary>The default address: loopback only, so nothing is exposed unless asked for.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>The addresses to listen on (e.g. <c>http://127.0.0.1:0</c> for any free port). Default <see cref="DefaultUrl"/>.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>
    /// Map the write endpoints (add, delete, commit). They need <see cref="Token"/> as a bearer token, and the
    /// index must have been opened with a writer. Default <c>false</c>: the API only reads.
    /// </summary>
    public bool Writable { get; init; }

    /// <summary>The bearer token the write endpoints require; mandatory when <see cref="Writable"/>.</summary>
    public string? Token { get; init; }

    /// <summary>The largest request body accepted, in bytes. Default 10 MB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>The most documents one POST may add. Default 10,000.</summary>
    public int MaxDocumentsPerRequest { get; init; } = 10_000;

    /// <summary>The longest text <c>/api/analyze</c> accepts, in characters (it comes in the URL). Default 2,000.</summary>
    public int MaxAnalyzeLength { get; init; } = 2_000;

    /// <summary>
    /// How often a read-only index looks for commits made by other processes (a cheap check when there are
    /// none). Default 2 s; zero turns it off.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Write ASP.NET Core's own log (warnings and errors) to the console. Default <c>true</c>.</summary>
    public bool ConsoleLog { get; init; } = true;

    /// <summary>The folder of the page's static files. Default <c>wwwroot</c> beside this assembly.</summary>
    public string? WebRoot { get; init; }
}
