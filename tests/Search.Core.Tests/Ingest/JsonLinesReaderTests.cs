using System.Text;
using Search.Ingest;
using static Search.Core.Tests.Ingest.TestFiles;

namespace Search.Core.Tests.Ingest;

public class JsonLinesReaderTests
{
    [Fact]
    public void Reads_good_lines_with_nulls_extra_keys_blank_lines_and_numeric_ids()
    {
        List<IngestRecord> records = ReadAll(Fixture("jsonl", "good.jsonl"));

        Assert.Empty(records.Rejected());
        Assert.Equal([1L, 3L, 4L], records.Select(r => r.Line));
        List<NewsDocument> docs = records.Documents();
        Assert.Equal(new NewsDocument("r21578-1", "BAHIA COCOA REVIEW", "SALVADOR, Feb 26 - Showers continued.\n\nSecond paragraph.",
            new DateTime(1987, 2, 26, 0, 0, 0, DateTimeKind.Utc), "Reuters", null), docs[0]);
        Assert.Equal(new NewsDocument("42", "Numeric id", null, null, null, "https://example.invalid/42"), docs[1]);
        Assert.Equal("ts-1", docs[2].Id);
        Assert.Null(docs[2].Title);
        Assert.Equal(new DateTime(2024, 1, 15, 21, 30, 0, DateTimeKind.Utc), docs[2].Date);
        Assert.Equal(DateTimeKind.Utc, docs[2].Date!.Value.Kind);
    }

    [Fact]
    public void Malformed_line_in_the_middle_is_reported_with_its_line_and_the_others_are_read()
    {
        List<IngestRecord> records = ReadAll(Fixture("jsonl", "malformed-middle.jsonl"));

        Assert.Equal(["a", "b", "d"], records.Documents().Select(d => d.Id));
        IngestRecord bad = Assert.Single(records.Rejected());
        Assert.Equal(4, bad.Line);
        Assert.Equal(Fixture("jsonl", "malformed-middle.jsonl"), bad.File);
        Assert.StartsWith("invalid JSON: ", bad.Error);
        Assert.Equal(5, records.Single(r => r.Document?.Id == "d").Line);
        Assert.EndsWith(":4: " + bad.Error, bad.ToString());
    }

    [Fact]
    public void Wrong_field_types_and_missing_ids_are_rejected_with_their_lines()
    {
        List<IngestRecord> records = ReadAll(Fixture("jsonl", "bad-fields.jsonl"));

        // A record with no text is kept (the corpus has such records): it is still found by date and source.
        Assert.Equal(["nb", "ok"], records.Documents().Select(d => d.Id));
        Assert.Null(records.Documents().First().Body);
        Assert.Equal(
            [
                (1L, "field 'title' must be a string or null"),
                (2L, "missing id"),
                (3L, "empty id"),
                (4L, "field 'id' must be a string or a number"),
                (5L, "line is a JSON array, not an object"),
                (7L, "invalid date '2025-02-30'"),
                (8L, "field 'date' must be a string or null"),
            ],
            records.Rejected().Select(r => (r.Line, r.Error!)));
    }

    [Fact]
    public void Invalid_utf8_is_rejected_with_its_line_and_reading_goes_on()
    {
        using var folder = new TempFolder();
        byte[] bad = [.. Utf8("{\"id\": \"x\", \"title\": \"caf"), 0xE9, .. Utf8("\"}\n")];
        string file = folder.Write("bad.jsonl", [.. Utf8("{\"id\": \"a\", \"title\": \"ok\"}\n"), .. bad, .. Utf8("{\"id\": \"b\", \"title\": \"ok\"}")]);

        List<IngestRecord> records = ReadAll(file);

        Assert.Equal(["a", "b"], records.Documents().Select(d => d.Id));
        IngestRecord rejected = Assert.Single(records.Rejected());
        Assert.Equal(2, rejected.Line);
        Assert.StartsWith("invalid UTF-8", rejected.Error);
        Assert.Equal(3, records[^1].Line);
    }

    [Fact]
    public void Bom_and_crlf_line_endings_are_handled()
    {
        using var folder = new TempFolder();
        string file = folder.Write("bom.jsonl", "\uFEFF{\"id\": \"a\", \"title\": \"A\"}\r\n\r\n{\"id\": \"b\", \"body\": \"B\"}\r\n");

        List<IngestRecord> records = ReadAll(file);

        Assert.Empty(records.Rejected());
        Assert.Equal([("a", 1L), ("b", 3L)], records.Select(r => (r.Document!.Id, r.Line)));
    }

    [Fact]
    public void A_line_over_the_limit_is_rejected_and_the_next_line_is_read()
    {
        string longLine = "{\"id\": \"long\", \"body\": \"" + new string('x', 5000) + "\"}";
        string text = "{\"id\": \"a\", \"title\": \"A\"}\n" + longLine + "\n{\"id\": \"b\", \"title\": \"B\"}\n";
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        List<IngestRecord> records = JsonLinesReader.Read(stream, "mem", CancellationToken.None, maxLineBytes: 1000).ToList();

        Assert.Equal(["a", "b"], records.Documents().Select(d => d.Id));
        Assert.Equal(3, records[^1].Line);
        IngestRecord rejected = Assert.Single(records.Rejected());
        Assert.Equal(2, rejected.Line);
        Assert.Contains($"{longLine.Length:N0} bytes long", rejected.Error);
    }

    [Fact]
    public void Lines_longer_than_the_read_buffer_are_read_whole()
    {
        string body = new('y', 200_000);
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"id\": \"big\", \"body\": \"" + body + "\"}\n{\"id\": \"next\", \"title\": \"t\"}"));

        List<IngestRecord> records = JsonLinesReader.Read(stream, "mem", CancellationToken.None).ToList();

        Assert.Equal(body, records[0].Document!.Body);
        Assert.Equal(("next", 2L), (records[1].Document!.Id, records[1].Line));
    }

    [Fact]
    public void Standard_input_is_read_from_the_given_reader()
    {
        var stdin = new StringReader("{\"id\": \"s1\", \"title\": \"From stdin\"}\nnot json\n{\"id\": \"s2\", \"body\": \"Ünïcödé — ok\"}\n");

        List<IngestRecord> records = ReadAll("-", stdin);

        Assert.Equal(["s1", "s2"], records.Documents().Select(d => d.Id));
        Assert.Equal("Ünïcödé — ok", records.Documents()[1].Body);
        Assert.All(records, r => Assert.Equal("-", r.File));
        Assert.Equal(2, Assert.Single(records.Rejected()).Line);
    }

    [Fact]
    public void Gzipped_json_lines_are_read_for_every_json_extension()
    {
        using var folder = new TempFolder();
        byte[] content = File.ReadAllBytes(Fixture("jsonl", "good.jsonl"));
        folder.Write("a.jsonl.gz", Gzip(content));
        folder.Write("b.ndjson.GZ", Gzip(content));
        folder.Write("c.json", content);

        foreach (string name in new[] { "a.jsonl.gz", "b.ndjson.GZ", "c.json" })
        {
            List<IngestRecord> records = ReadAll(Path.Combine(folder.Path, name));
            Assert.Empty(records.Rejected());
            Assert.Equal(["r21578-1", "42", "ts-1"], records.Documents().Select(d => d.Id));
        }
    }
}
