using Search.Ingest;
using static Search.Core.Tests.Ingest.TestFiles;

namespace Search.Core.Tests.Ingest;

public class CsvDocumentReaderTests
{
    [Fact]
    public void Quoted_multi_line_field_is_one_record_reported_at_its_first_line()
    {
        List<IngestRecord> records = ReadAll(Fixture("csv", "multiline.csv"));

        Assert.Empty(records.Rejected());
        Assert.Equal([("1", 2L), ("2", 3L), ("3", 6L)], records.Select(r => (r.Document!.Id, r.Line)));
        NewsDocument multi = records[1].Document!;
        Assert.Equal("Multi-line", multi.Title);
        Assert.Equal("First paragraph.\n\nSecond paragraph, with \"quotes\".", multi.Body);
        Assert.Null(multi.Date);
        Assert.Equal("Reuters", multi.Source);
        Assert.Null(multi.Url);
        Assert.Equal(new NewsDocument("1", "Plain", "Plain body", new DateTime(2025, 3, 31, 0, 0, 0, DateTimeKind.Utc), "AP",
            "https://example.invalid/1"), records[0].Document);
        Assert.Equal(new DateTime(2025, 4, 1, 8, 0, 0, DateTimeKind.Utc), records[2].Document!.Date);
    }

    [Fact]
    public void Missing_id_column_rejects_the_whole_file_at_line_1()
    {
        IngestRecord record = Assert.Single(ReadAll(Fixture("csv", "missing-id.csv")));

        Assert.Equal(1, record.Line);
        Assert.Contains("'id'", record.Error);
        Assert.Contains("title, body, date", record.Error);
    }

    [Fact]
    public void Bad_rows_are_rejected_with_their_lines_and_the_rest_is_read()
    {
        List<IngestRecord> records = ReadAll(Fixture("csv", "bad-rows.csv"));

        Assert.Equal([("1", 2L), ("4", 6L)], records.Documents().Select((d, i) => (d.Id, records.Where(r => r.Document is not null).ElementAt(i).Line)));
        List<IngestRecord> rejected = records.Rejected();
        Assert.Equal([3L, 4L, 5L], rejected.Select(r => r.Line));
        Assert.StartsWith("wrong number of fields", rejected[0].Error);
        Assert.StartsWith("bad quoting", rejected[1].Error);
        Assert.Equal("empty id", rejected[2].Error);
        Assert.Equal([2L, 3L, 4L, 5L, 6L], records.Select(r => r.Line));
    }

    [Fact]
    public void Invalid_date_is_rejected_and_an_empty_date_is_null()
    {
        List<IngestRecord> records = ReadAll(Fixture("csv", "bad-date.csv"));

        Assert.Equal(["1", "3"], records.Documents().Select(d => d.Id));
        Assert.Null(records.Documents()[1].Date);
        IngestRecord rejected = Assert.Single(records.Rejected());
        Assert.Equal((3L, "invalid date '31/12/2025'"), (rejected.Line, rejected.Error));
    }

    [Fact]
    public void Header_may_be_just_id_with_a_bom_and_a_gzip_wrapper()
    {
        using var folder = new TempFolder();
        string file = folder.Write("ids.csv.gz", Gzip(Utf8("\uFEFFId,Body\nx1,only a body\n")));

        NewsDocument doc = Assert.Single(ReadAll(file)).Document!;

        Assert.Equal(new NewsDocument("x1", null, "only a body"), doc);
    }

    [Fact]
    public void Invalid_utf8_in_a_field_rejects_that_record_only()
    {
        using var folder = new TempFolder();
        string file = folder.Write("bad.csv", [.. Utf8("id,title\n1,caf"), 0xE9, .. Utf8("\n2,fine\n")]);

        List<IngestRecord> records = ReadAll(file);

        Assert.Equal(["2"], records.Documents().Select(d => d.Id));
        Assert.Equal((2L, "invalid UTF-8 in column 'title'"), (records[0].Line, records[0].Error));
    }

    [Fact]
    public void Empty_file_is_rejected_at_line_1()
    {
        using var folder = new TempFolder();
        string file = folder.Write("empty.csv", "");

        IngestRecord record = Assert.Single(ReadAll(file));

        Assert.Equal(1, record.Line);
        Assert.Contains("'id'", record.Error);
    }
}
