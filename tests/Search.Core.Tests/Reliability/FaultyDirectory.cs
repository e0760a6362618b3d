using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search.Core.Tests.Reliability;

/// <summary>
/// A directory that runs out of room: once <see cref="BytesLeft"/> bytes have been written, every further write
/// throws <c>IOException("No space left on device")</c>, as a full disk does. With <see cref="ReadOnly"/>, every
/// new file is refused as a read-only folder refuses it.
/// </summary>
internal sealed class FaultyDirectory(LuceneDirectory inner) : FilterDirectory(inner)
{
    private long bytesLeft = long.MaxValue;

    public long BytesLeft { get => Interlocked.Read(ref bytesLeft); set => Interlocked.Exchange(ref bytesLeft, value); }

    public bool ReadOnly { get; set; }

    public override IndexOutput CreateOutput(string name, IOContext context)
    {
        if (ReadOnly)
            throw new UnauthorizedAccessException($"Access to the path '{name}' is denied.");
        return new FaultyOutput(base.CreateOutput(name, context), this);
    }

    public override void Sync(ICollection<string> names)
    {
        if (ReadOnly)
            throw new UnauthorizedAccessException("Access denied.");
        base.Sync(names);
    }

    private void Spend(long n)
    {
        if (Interlocked.Add(ref bytesLeft, -n) < 0)
        {
            Interlocked.Exchange(ref bytesLeft, 0);
            throw new IOException("No space left on device");
        }
    }

    private sealed class FaultyOutput(IndexOutput inner, FaultyDirectory owner) : IndexOutput
    {
        public override void WriteByte(byte b)
        {
            owner.Spend(1);
            inner.WriteByte(b);
        }

        public override void WriteBytes(byte[] b, int offset, int length)
        {
            owner.Spend(length);
            inner.WriteBytes(b, offset, length);
        }

        public override void Flush() => inner.Flush();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
        }

        [Obsolete("Seek is obsolete in Lucene.Net 4.8.")]
        public override void Seek(long pos) => inner.Seek(pos);

        public override long Position => inner.Position;

        public override long Checksum => inner.Checksum;

        public override long Length => inner.Length;
    }
}
