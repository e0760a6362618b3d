using Search.Ingest;

namespace Search.Core.Tests.Ingest;

public class DateParsingTests
{
    [Theory]
    [InlineData("2025-03-31", "2025-03-31T00:00:00.0000000Z")]
    [InlineData("1987-02-26T15:01:01", "1987-02-26T15:01:01.0000000Z")]
    [InlineData("2025-03-31T10:11:12.5", "2025-03-31T10:11:12.5000000Z")]
    [InlineData("2025-03-31T10:11:12Z", "2025-03-31T10:11:12.0000000Z")]
    [InlineData("2025-03-31T10:11:12.123+02:00", "2025-03-31T08:11:12.1230000Z")]
    [InlineData("2025-03-31T01:00:00-05:30", "2025-03-31T06:30:00.0000000Z")]
    [InlineData("2025-03-31T23:00:00-0200", "2025-04-01T01:00:00.0000000Z")]
    public void Valid_dates_are_returned_in_utc(string text, string expected)
    {
        Assert.True(DateParsing.TryParse(text, out DateTime value));
        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Assert.Equal(expected, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025-02-30")]
    [InlineData("2025-3-31")]
    [InlineData("31/03/2025")]
    [InlineData("2025-03-31 10:11:12")]
    [InlineData("2025-03-31T10:11")]
    [InlineData("2025-03-31T10:11:12.")]
    [InlineData(" 2025-03-31")]
    [InlineData("2025-03-31T25:00:00")]
    [InlineData("yesterday")]
    public void Invalid_dates_are_refused(string text)
    {
        Assert.False(DateParsing.TryParse(text, out _));
    }
}
