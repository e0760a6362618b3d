using Lucene.Net.Analysis;

namespace Search.Analysis;

/// <summary>
/// A named analysis pipeline: the analyzer itself and a printable description of its chain
/// (Lucene.Net 4.8 has no CustomAnalyzer whose ToString would give one).
/// </summary>
public sealed class AnalysisChain
{
    internal AnalysisChain(string name, string description, Analyzer analyzer)
    {
        Name = name;
        Description = description;
        Analyzer = analyzer;
    }

    /// <summary>The pipeline name (see <see cref="Pipelines"/>).</summary>
    public string Name { get; }

    /// <summary>The chain, component by component, e.g. <c>StandardTokenizer → LowerCaseFilter</c>.</summary>
    public string Description { get; }

    /// <summary>The analyzer. Thread-safe; reuse it.</summary>
    public Analyzer Analyzer { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Description}";
}
