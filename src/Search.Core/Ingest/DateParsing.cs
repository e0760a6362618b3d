using System.Globalization;
using System.Text.RegularExpressions;

namespace Search.Ingest;

/// <summary>
/// The one date grammar every reader accepts: <c>YYYY-MM-DD</c> or <c>YYYY-MM-DDThh:mm:ss</c>, optionally with a
/// fraction of up to 7 digits and a <c>Z</c> or <c>±hh[:mm]</c> offset. Results are always <see cref="DateTimeKind.Utc"/>:
/// values with an offset are converted, values without one are taken as written (the corpus has no time zones, and
/// treating them as local time would shift the indexed day with the machine's zone).
/// </summary>
internal static partial class DateParsing
{
    // The regex pins the grammar; TryParseExact then rejects impossible calendar dates (2025-02-30) and out-of-range
    // offsets. Neither alone is strict enough: the "F" specifiers also accept a bare trailing dot.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}(:?\d{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();

    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz"];

    /// <summary>Parses <paramref name="text"/>; <c>false</c> when it is not a valid date in the grammar above.</summary>
    public static bool TryParse(string text, out DateTime value)
    {
        value = default;
        return Grammar().IsMatch(text)
            && DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>The rejection message for a bad date, with long values cut so one bad line cannot flood the log.</summary>
    public static string InvalidDate(string text) => $"invalid date '{Shorten(text)}'";

    internal static string Shorten(string text, int max = 60) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
