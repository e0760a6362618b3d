using System.Globalization;

namespace Search.Indexing;

/// <summary>
/// Dates as the index keeps them: a sortable number <c>yyyyMMddHHmmss</c> (range filters, sort, the year
/// facet) and ISO-8601 text (stored).
/// </summary>
internal static class DateValues
{
    public static long ToValue(DateTime date) =>
        date.Year * 10_000_000_000L + date.Month * 100_000_000L + date.Day * 1_000_000L +
        date.Hour * 10_000L + date.Minute * 100L + date.Second;

    public static long StartOfDay(DateOnly day) => ToValue(day.ToDateTime(TimeOnly.MinValue));

    public static long EndOfDay(DateOnly day) => ToValue(day.ToDateTime(new TimeOnly(23, 59, 59)));

    public static int Year(long value) => (int)(value / 10_000_000_000L);

    public static string ToText(DateTime date) => date.TimeOfDay == TimeSpan.Zero
        ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static DateTime? FromText(string? text) =>
        text is not null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? DateTime.SpecifyKind(d, DateTimeKind.Unspecified)
            : null;
}
