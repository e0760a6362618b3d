using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace Search.Ingest;

/// <summary>
/// Reads CSV with a header row naming some of <c>id,title,body,date,source,url</c> (any case, any order; only
/// <c>id</c> is required, other columns are ignored). Quoted fields may span lines; every rejection names the line
/// where its record starts. Empty cells are <c>null</c>.
/// </summary>
internal static class CsvDocumentReader
{
    private static readonly string[] Columns = ["id", "title", "body", "date", "source", "url"];

    /// <summary>Reads <paramref name="stream"/> (disposed at the end) lazily, one record at a time.</summary>
    public static IEnumerable<IngestRecord> Read(Stream stream, string file, CancellationToken cancellationToken)
    {
        var malformed = new List<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            // Fixed, not detected: a header of only "id" gives the detector nothing to go on.
            Separator = ',',
            DetectSeparatorHint = false,
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = malformed.Add,
            // An unclosed quote would otherwise buffer the rest of the file as one record.
            MaxRecordSize = DocumentReader.MaxLineBytes,
        };

        using CsvReader csv = CsvReader.Create(stream, options, leaveOpen: false);
        string? error = TryStep(csv, header: true, out bool _, out long errorLine, nextLine: 1);
        if (error is not null)
        {
            yield return IngestRecord.Rejected(file, errorLine, error);
            yield break;
        }

        int[] index = MapColumns(csv.Headers);
        if (index[0] < 0)
        {
            yield return IngestRecord.Rejected(file, 1, csv.Headers.Count == 0
                ? "empty CSV: expected a header row with an 'id' column"
                : $"missing required column 'id' (the header has: {string.Join(", ", csv.Headers)})");
            yield break;
        }

        long nextLine = 2;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            error = TryStep(csv, header: false, out bool more, out errorLine, nextLine);

            // Records skipped as malformed come before the one the reader stopped on.
            foreach (CsvMalformedRecord bad in malformed)
            {
                yield return IngestRecord.Rejected(file, bad.LineNumber, Describe(bad.Reason, csv.Headers.Count));
            }

            malformed.Clear();
            if (error is not null)
            {
                yield return IngestRecord.Rejected(file, errorLine, error);
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            long line = csv.LineNumber;
            nextLine = line + csv.RawRecord.Count((byte)'\n') + 1;
            yield return ToRecord(csv, index, file, line);
        }
    }

    /// <summary>Reads the header or the next record; returns why the rest of the file cannot be read, if so.</summary>
    private static string? TryStep(CsvReader csv, bool header, out bool more, out long errorLine, long nextLine)
    {
        more = false;
        errorLine = nextLine;
        try
        {
            if (header)
            {
                csv.ReadHeader();
            }
            else
            {
                more = csv.Read();
            }

            return null;
        }
        catch (CsvFormatException e)
        {
            errorLine = e.LineNumber > 0 ? e.LineNumber : nextLine;
            return e.Message;
        }
        catch (Exception e) when (DocumentReader.IsReadError(e))
        {
            return DocumentReader.DescribeReadError(e);
        }
    }

    /// <summary>The column of each of <see cref="Columns"/>, or -1; the first of duplicate names wins.</summary>
    private static int[] MapColumns(IReadOnlyList<string> headers)
    {
        int[] index = [-1, -1, -1, -1, -1, -1];
        for (int column = headers.Count - 1; column >= 0; column--)
        {
            int known = Array.IndexOf(Columns, headers[column].Trim().ToLowerInvariant());
            if (known >= 0)
            {
                index[known] = column;
            }
        }

        return index;
    }

    private static string Describe(CsvMalformedReason reason, int columns) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => $"wrong number of fields (the header has {columns})",
        CsvMalformedReason.StrayQuote => "bad quoting: a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "bad quoting: text after the closing quote of a field",
        CsvMalformedReason.UnterminatedQuote => "bad quoting: a quoted field is never closed (it runs to the end of the file)",
        _ => $"malformed record ({reason})",
    };

    private static IngestRecord ToRecord(CsvReader csv, int[] index, string file, long line)
    {
        var values = new string?[Columns.Length];
        for (int i = 0; i < Columns.Length; i++)
        {
            if (index[i] < 0 || index[i] >= csv.FieldCount)
            {
                continue;
            }

            ReadOnlySpan<byte> span = csv.GetSpan(index[i]);
            if (!Utf8.IsValid(span))
            {
                return IngestRecord.Rejected(file, line, $"invalid UTF-8 in column '{Columns[i]}'");
            }

            // Line breaks inside quoted fields are the file's own: CRLF in a Windows export.
            values[i] = span.IsEmpty ? null : Encoding.UTF8.GetString(span).ReplaceLineEndings("\n");
        }

        if (string.IsNullOrWhiteSpace(values[0]))
        {
            return IngestRecord.Rejected(file, line, "empty id");
        }

        DateTime? date = null;
        if (!string.IsNullOrWhiteSpace(values[3]))
        {
            if (!DateParsing.TryParse(values[3]!, out DateTime parsed))
            {
                return IngestRecord.Rejected(file, line, DateParsing.InvalidDate(values[3]!));
            }

            date = parsed;
        }

        string? error = DocumentReader.CreateDocument(values[0]!, values[1], values[2], date, values[4], values[5],
            out NewsDocument? document);
        return error is null ? IngestRecord.Ok(file, line, document!) : IngestRecord.Rejected(file, line, error);
    }
}
