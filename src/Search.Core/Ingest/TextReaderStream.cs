using System.Text;

namespace Search.Ingest;

/// <summary>
/// Presents already decoded text (standard input, a <see cref="StringReader"/>) as a UTF-8 byte stream, so that
/// standard input goes through the same byte-level JSON Lines reader, with the same line limit, as files do.
/// </summary>
internal sealed class TextReaderStream(TextReader reader) : Stream
{
    // Lone surrogates cannot be represented in UTF-8: they become U+FFFD rather than failing the whole input.
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly char[] _chars = new char[16 * 1024];
    private readonly byte[] _bytes = new byte[Encoding.UTF8.GetMaxByteCount(16 * 1024)];
    private int _byteStart;
    private int _byteEnd;
    private bool _eof;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_byteStart == _byteEnd)
        {
            if (_eof || buffer.IsEmpty)
            {
                return 0;
            }

            int chars = reader.Read(_chars, 0, _chars.Length);
            _eof = chars == 0;
            _byteStart = 0;
            _byteEnd = _encoder.GetBytes(_chars, 0, chars, _bytes, 0, flush: _eof);
        }

        int n = Math.Min(buffer.Length, _byteEnd - _byteStart);
        _bytes.AsSpan(_byteStart, n).CopyTo(buffer);
        _byteStart += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // The caller owns the reader (it may be Console.In): it is not closed here.
}
