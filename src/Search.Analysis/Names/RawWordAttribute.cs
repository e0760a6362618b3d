using Lucene.Net.Util;

namespace Search.Analysis.Names;

/// <summary>The whitespace-delimited chunk of text a word stands in (set by <see cref="NameWordTokenizer"/>).</summary>
public interface IRawWordAttribute : IAttribute
{
    /// <summary>The chunk exactly as written (<c>Tel-Aviv</c>, <c>'Amman</c>), or null when unknown.</summary>
    string? Chunk { get; set; }

    /// <summary>Start offset of the chunk.</summary>
    int ChunkStart { get; set; }
}

/// <summary>Implementation of <see cref="IRawWordAttribute"/>.</summary>
public sealed class RawWordAttribute : Lucene.Net.Util.Attribute, IRawWordAttribute
{
    /// <inheritdoc />
    public string? Chunk { get; set; }

    /// <inheritdoc />
    public int ChunkStart { get; set; } = -1;

    /// <inheritdoc />
    public override void Clear()
    {
        Chunk = null;
        ChunkStart = -1;
    }

    /// <inheritdoc />
    public override void CopyTo(IAttribute target)
    {
        var t = (IRawWordAttribute)target;
        t.Chunk = Chunk;
        t.ChunkStart = ChunkStart;
    }
}
