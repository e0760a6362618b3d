using Lucene.Net.Analysis;

namespace Search.Analysis;

/// <summary>
/// The per-field analyzer used for both indexing and querying. Unlike Lucene's PerFieldAnalyzerWrapper it
/// puts a position gap of <see cref="PositionGap"/> between the values of a multi-valued field, so a phrase
/// cannot run from the end of a title into the start of a body.
/// </summary>
internal sealed class FieldAnalyzer : AnalyzerWrapper
{
    /// <summary>Positions left empty between two values of one field.</summary>
    public const int PositionGap = 100;

    private readonly Analyzer defaultAnalyzer;
    private readonly IReadOnlyDictionary<string, Analyzer> fieldAnalyzers;

    public FieldAnalyzer(Analyzer defaultAnalyzer, IReadOnlyDictionary<string, Analyzer> fieldAnalyzers)
        : base(PER_FIELD_REUSE_STRATEGY)
    {
        this.defaultAnalyzer = defaultAnalyzer;
        this.fieldAnalyzers = fieldAnalyzers;
    }

    protected override Analyzer GetWrappedAnalyzer(string fieldName) =>
        fieldAnalyzers.TryGetValue(fieldName, out var a) ? a : defaultAnalyzer;

    public override int GetPositionIncrementGap(string fieldName) => PositionGap;

    public override int GetOffsetGap(string fieldName) => 1;
}
