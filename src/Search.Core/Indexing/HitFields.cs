using System.Text;
using Lucene.Net.Util;

namespace Search.Indexing;

/// <summary>
/// What a result list shows of a hit (id, title, date, source, url), packed into one binary doc value per
/// document (<see cref="Schema.Hit"/>). Stored fields are compressed in chunks of about 16 KB holding the
/// bodies too, so loading a hit from them decompresses kilobytes of other text (about 40 µs a hit, as much as
/// the search itself for a selective query); the doc value is read directly. Stored fields stay the source of
/// whole documents and snippets, and a document without the doc value (an index written before it, or a
/// value too large for one) is read from them.
/// </summary>
internal static class HitFields
{
    /// <summary>Lucene 4.8 refuses a binary doc value over 32,766 bytes; larger hits are read from stored fields.</summary>
    public const int MaxBytes = 32_766;

    /// <summary>The packed hit fields, or null when they do not fit in one doc value.</summary>
    public static BytesRef? Pack(NewsDocument d)
    {
        string?[] values = [d.Id, string.IsNullOrEmpty(d.Title) ? null : d.Title, d.Date is { } date ? DateValues.ToText(date) : null, d.Source?.Trim() is { Length: > 0 } s ? s : null, string.IsNullOrEmpty(d.Url) ? null : d.Url];
        int size = 0;
        foreach (var v in values)
            size += 5 + (v is null ? 0 : Encoding.UTF8.GetByteCount(v));
        if (size > MaxBytes)
            return null;
        var bytes = new byte[size];
        int at = 0;
        foreach (var v in values)
        {
            // Each value: its UTF-8 length + 1 (0 for none) as a 7-bit varint, then the bytes.
            var utf8 = v is null ? [] : Encoding.UTF8.GetBytes(v);
            uint prefix = v is null ? 0u : (uint)utf8.Length + 1;
            do
            {
                byte b = (byte)(prefix & 0x7F);
                prefix >>= 7;
                bytes[at++] = prefix != 0 ? (byte)(b | 0x80) : b;
            }
            while (prefix != 0);
            utf8.CopyTo(bytes, at);
            at += utf8.Length;
        }
        return new BytesRef(bytes, 0, at);
    }

    /// <summary>The document of a packed value (body null); false when the value is empty (no doc value for the document).</summary>
    public static bool TryUnpack(BytesRef value, out NewsDocument document)
    {
        document = null!;
        if (value.Length == 0)
            return false;
        var span = value.Bytes.AsSpan(value.Offset, value.Length);
        var values = new string?[5];
        int at = 0;
        for (int i = 0; i < values.Length; i++)
        {
            uint prefix = 0;
            int shift = 0;
            byte b;
            do
            {
                b = span[at++];
                prefix |= (uint)(b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            if (prefix == 0)
                continue;
            int n = (int)prefix - 1;
            values[i] = Encoding.UTF8.GetString(span.Slice(at, n));
            at += n;
        }
        document = new NewsDocument(values[0]!, values[1], null, DateValues.FromText(values[2]), values[3], values[4]);
        return true;
    }
}
