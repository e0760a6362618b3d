using System.Buffers;

namespace Search.Ingest;

/// <summary>
/// Splits a UTF-8 byte stream into lines without decoding it, so that each line can be validated and parsed on its
/// own and a line over the limit can be skipped without ever being held in memory.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _bomChecked;

    public Utf8LineReader(Stream stream, int maxLineBytes)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    }

    /// <summary>Number of lines returned so far: the 1-based number of the last one.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// Reads the next line, without its CR/LF. <paramref name="line"/> stays valid until the next call.
    /// <paramref name="tooLongBytes"/> is the length of a line over the limit, whose content is then not returned.
    /// </summary>
    public bool ReadLine(out ReadOnlyMemory<byte> line, out long tooLongBytes)
    {
        line = default;
        tooLongBytes = 0;
        int scanFrom = _start;
        while (true)
        {
            int newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int stop = scanFrom + newline;
                line = TrimCr(_buffer.AsMemory(_start, stop - _start));
                _start = stop + 1;
                if (line.Length > _maxLineBytes)
                {
                    // Already buffered, so no memory was saved, but the limit must not depend on the buffer size.
                    tooLongBytes = line.Length;
                    line = default;
                }

                break;
            }

            if (_end - _start > _maxLineBytes)
            {
                tooLongBytes = SkipRestOfLine();
                break;
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    return false;
                }

                line = TrimCr(_buffer.AsMemory(_start, _end - _start));
                _start = _end;
                break;
            }

            int scanned = _end - _start;
            Fill();
            scanFrom = _start + scanned;
        }

        LineNumber++;
        return true;
    }

    private static ReadOnlyMemory<byte> TrimCr(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;

    /// <summary>Reads more input after the unconsumed bytes, moving them to the front or growing the buffer first.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        do
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            _eof = read == 0;
            _end += read;
        }
        while (!_bomChecked && _end < 3 && !_eof);

        // Only the very start of the stream can hold a byte order mark.
        if (!_bomChecked)
        {
            _bomChecked = true;
            if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            {
                _start = 3;
            }
        }
    }

    /// <summary>Discards the current line up to and including its newline; returns its length.</summary>
    private long SkipRestOfLine()
    {
        long length = 0;
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                length += newline;
                _start += newline + 1;
                return length;
            }

            length += _end - _start;
            _start = _end = 0;
            if (_eof)
            {
                return length;
            }

            Fill();
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
