using Lucene.Net.Store;
using Microsoft.Win32.SafeHandles;

namespace Search.Indexing;

/// <summary>
/// The index's directory: files written as <see cref="FSDirectory"/> writes them, read with positional reads
/// (<see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/>, <c>pread</c> on Linux) on one shared handle per file.
/// </summary>
/// <remarks>
/// Lucene.Net's <see cref="NIOFSDirectory"/> (beta00017) reads a buffer by locking the file's stream, asking its length,
/// seeking, reading through the stream's own buffer and seeking back: several system calls per 1 KB read, and one thread at
/// a time per file, so two threads searching one segment wait on each other. A positional read is one system call, needs no
/// lock and leaves no shared position. <see cref="MMapDirectory"/> is not used: in beta00017 it grows slower the longer it
/// serves (apache/lucenenet#1151).
/// </remarks>
internal sealed class PositionalReadDirectory(string path) : FSDirectory(new DirectoryInfo(path), null)
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var file = System.IO.Path.Combine(Directory.FullName, name);
        var handle = OpenHandle(file);
        try
        {
            return new Input($"PositionalReadIndexInput(path=\"{file}\")", handle, 0, RandomAccess.GetLength(handle), BufferedIndexInput.GetBufferSize(context), ownsHandle: true);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        var file = System.IO.Path.Combine(Directory.FullName, name);
        return new Slicer(file, OpenHandle(file), BufferedIndexInput.GetBufferSize(context));
    }

    // Delete is shared: an index reader keeps reading a file a merge has replaced, as on Lucene's own directories.
    private static SafeFileHandle OpenHandle(string file) =>
        File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>Opens inputs over parts of one file (a compound file's members) that share its handle; the slicer owns it.</summary>
    private sealed class Slicer(string file, SafeFileHandle handle, int bufferSize) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            new Input($"PositionalReadIndexInput({sliceDescription} in path=\"{file}\" slice={offset}:{offset + length})", handle, offset, length, bufferSize, ownsHandle: false);

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full-slice", 0, RandomAccess.GetLength(handle));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                handle.Dispose();
        }
    }

    /// <summary>
    /// A buffered input over the bytes <c>start</c> to <c>start + length</c> of a file. Clones share the handle and read at
    /// their own positions; only the input that opened the handle closes it.
    /// </summary>
    private sealed class Input(string description, SafeFileHandle handle, long start, long length, int bufferSize, bool ownsHandle)
        : BufferedIndexInput(description, bufferSize)
    {
        private bool owner = ownsHandle;

        public override long Length => length;

        protected override void ReadInternal(byte[] b, int offset, int len)
        {
            // The buffer is refilled from the input's position (Position is where the bytes asked for begin).
            long at = start + Position;
            if (Position + len > length)
                throw new EndOfStreamException($"read past EOF: {this} (at {Position}, {len} bytes, length {length})");
            while (len > 0)
            {
                int read = RandomAccess.Read(handle, b.AsSpan(offset, len), at);
                if (read <= 0)
                    throw new EndOfStreamException($"read past EOF: {this} (at {at - start}, {len} bytes left, length {length})");
                at += read;
                offset += read;
                len -= read;
            }
        }

        protected override void SeekInternal(long pos)
        {
            // Nothing to move: every read says where it starts.
        }

        public override object Clone()
        {
            var clone = (Input)base.Clone();
            clone.owner = false;
            return clone;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && owner)
            {
                owner = false;
                handle.Dispose();
            }
        }
    }
}
