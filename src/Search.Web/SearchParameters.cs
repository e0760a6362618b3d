using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Search.Web;

/// <summary>
/// The query-string parameters of a search, as the API and the server-rendered page take them, and their
/// strict translation into a <see cref="SearchRequest"/>. Every value arrives as text so that a bad one
/// becomes our own 400 with a message, never a framework error page.
/// </summary>
internal sealed record SearchParameters
{
    public const int MaxFilterValues = 100;

    public string Q { get; init; } = "";
    public string? From { get; init; }
    public string? Size { get; init; }
    public string? Sort { get; init; }
    public IReadOnlyList<string> Sources { get; init; } = [];
    public IReadOnlyList<string> Years { get; init; } = [];
    public string? FromDate { get; init; }
    public string? ToDate { get; init; }
    public string? Exact { get; init; }
    public string? Syntax { get; init; }

    public static SearchParameters FromQuery(IQueryCollection query) => new()
    {
        Q = query["q"].ToString(),
        From = query["from"],
        Size = query["size"],
        Sort = query["sort"],
        Sources = Values(query["source"]),
        Years = Values(query["year"]),
        FromDate = query["from_date"],
        ToDate = query["to_date"],
        Exact = query["exact"],
        Syntax = query["syntax"],
    };

    private static string[] Values(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToArray();

    /// <exception cref="BadParameterException">A parameter that is not a number, date or known word.</exception>
    public SearchRequest ToRequest(int defaultSize = 10)
    {
        if (Sources.Count > MaxFilterValues || Years.Count > MaxFilterValues)
            throw new BadParameterException($"At most {MaxFilterValues} values of source or year may be given.");
        return new SearchRequest
        {
            Query = Q,
            From = Int("from", From) ?? 0,
            Size = Int("size", Size) ?? defaultSize,
            Sort = ParseSort(Sort),
            Sources = Sources,
            Years = Years.Select(y => Int("year", y)!.Value).ToList(),
            FromDate = Date("from_date", FromDate),
            ToDate = Date("to_date", ToDate),
            ExactSpelling = Bool("exact", Exact),
            Syntax = Syntax?.Trim().ToLowerInvariant() switch
            {
                null or "" or "lenient" => QuerySyntax.Lenient,
                "lucene" => QuerySyntax.Lucene,
                _ => throw new BadParameterException($"syntax must be lenient or lucene (was '{Shorten(Syntax)}')."),
            },
        };
    }

    public static SortOrder ParseSort(string? sort) => sort?.Trim().ToLowerInvariant() switch
    {
        null or "" or "relevance" => SortOrder.Relevance,
        "date" => SortOrder.Date,
        "date-asc" or "date_asc" => SortOrder.DateAscending,
        _ => throw new BadParameterException($"sort must be relevance, date or date-asc (was '{Shorten(sort)}')."),
    };

    public static bool Bool(string name, string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" or "off" or "no" => false,
        "true" or "1" or "on" or "yes" => true,
        _ => throw new BadParameterException($"{name} must be true or false (was '{Shorten(value)}')."),
    };

    private static int? Int(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw new BadParameterException($"{name} must be a whole number (was '{Shorten(value)}').");
        return n;
    }

    private static DateOnly? Date(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new BadParameterException($"{name} must be a date written YYYY-MM-DD (was '{Shorten(value)}').");
        return d;
    }

    internal static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
