using Search.Ingest;
using static Search.Core.Tests.Ingest.TestFiles;

namespace Search.Core.Tests.Ingest;

public class PlainTextArticleReaderTests
{
    [Fact]
    public void Seed_article_is_parsed()
    {
        IngestRecord record = Assert.Single(ReadAll(Fixture("seed", "000_521a624e41822327.txt")));

        NewsDocument doc = record.Document!;
        Assert.Equal(1, record.Line);
        Assert.Equal("000_521a624e41822327", doc.Id);
        Assert.Equal(new DateTime(2025, 3, 31, 0, 0, 0, DateTimeKind.Utc), doc.Date);
        Assert.Equal("ETV Bharat", doc.Source);
        Assert.Equal("Iran Has Rejected Direct Negotiations With The US In Response To Trump's Letter", doc.Title);
        Assert.Null(doc.Url);
        Assert.StartsWith("FILE - In this photo", doc.Body);
        Assert.Contains("\n\n", doc.Body);
        Assert.DoesNotContain("\r", doc.Body);
        Assert.DoesNotContain("\n\n\n", doc.Body);
        string[] paragraphs = doc.Body!.Split("\n\n");
        Assert.Equal(12, paragraphs.Length);
        Assert.Contains("Iran's position hardens after Trump's letter", paragraphs);
        Assert.EndsWith("such propaganda videos.", doc.Body);
    }

    [Fact]
    public void Crlf_bom_and_no_leading_space_are_accepted()
    {
        using var folder = new TempFolder();
        string text = File.ReadAllText(Fixture("seed", "000_521a624e41822327.txt")).TrimStart(' ');
        string file = folder.Write("windows.txt", "\uFEFF" + text.ReplaceLineEndings("\r\n"));

        NewsDocument expected = ReadAll(Fixture("seed", "000_521a624e41822327.txt")).Single().Document!;
        NewsDocument doc = Assert.Single(ReadAll(file)).Document!;

        Assert.Equal(expected with { Id = "windows" }, doc);
    }

    [Fact]
    public void Wrapped_headline_is_joined_and_paragraph_line_breaks_are_kept()
    {
        NewsDocument doc = Assert.Single(ReadAll(Fixture("text", "wrapped-title.txt"))).Document!;

        Assert.Equal("A headline that wraps over two lines", doc.Title);
        Assert.Equal("First paragraph\ncontinues here.\n\nSecond paragraph.", doc.Body);
        Assert.Equal("Example Wire", doc.Source);
        Assert.Equal(new DateTime(2024, 11, 5, 0, 0, 0, DateTimeKind.Utc), doc.Date);
    }

    [Fact]
    public void Wrong_first_line_is_rejected_at_line_1()
    {
        IngestRecord record = Assert.Single(ReadAll(Fixture("text", "bad-first-line.txt")));

        Assert.Equal((1L, "expected ' date YYYY-MM-DD SOURCE / SECTION' on line 1"), (record.Line, record.Error));
    }

    [Fact]
    public void Invalid_date_on_line_1_is_rejected()
    {
        IngestRecord record = Assert.Single(ReadAll(Fixture("text", "bad-date.txt")));

        Assert.Equal((1L, "invalid date '2025-02-30'"), (record.Line, record.Error));
    }

    [Fact]
    public void Header_only_article_has_no_title_and_no_body()
    {
        using var folder = new TempFolder();
        string file = folder.Write("empty.txt", " date 2025-03-31 ETV Bharat / international\n\n");

        IngestRecord record = Assert.Single(ReadAll(file));

        Assert.Equal("document has no title and no body", record.Error);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_with_its_line()
    {
        using var folder = new TempFolder();
        string file = folder.Write("bad.txt", [.. Utf8(" date 2025-03-31 X / y\n\nTitle\n\nBody "), 0xFF, 0xFE, .. Utf8(" text\n")]);

        IngestRecord record = Assert.Single(ReadAll(file));

        Assert.Equal((5L, "invalid UTF-8"), (record.Line, record.Error));
    }
}
