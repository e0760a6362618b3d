using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Analysis;
using Search.Analysis.Names;

namespace Search.Analysis;

/// <summary>
/// The one registry of analysis pipelines. Index and query both take their analyzers from here, through
/// <see cref="ForFields"/>, so the two cannot drift apart. <see cref="Fingerprint"/> digests every chain
/// description and the rules of every rule file indexing reads, and is stamped into the index's commit data.
/// </summary>
public sealed class AnalyzerRegistry
{
    private readonly Dictionary<string, AnalysisChain> chains;

    private AnalyzerRegistry(IEnumerable<AnalysisChain> chains)
    {
        this.chains = chains.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Fingerprint = ComputeFingerprint(this.chains.Values, RuleFiles.All());
    }

    /// <summary>The default pipelines with the rule files embedded in this assembly.</summary>
    public static AnalyzerRegistry Default { get; } = new(
    [
        EnglishChain.Create(),
        ExactChain.Create(),
        NameChains.CreateName(),
        NameChains.CreateLexicon(),
    ]);

    /// <summary>Every pipeline, by name.</summary>
    public IReadOnlyCollection<AnalysisChain> Chains => chains.Values;

    /// <summary>
    /// A hex digest of every chain description and of the rules indexing reads; changes whenever the indexed terms may
    /// (not for a comment, nor for the query-time rule files of <see cref="RuleFiles.QueryTimeOnly"/>).
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The pipeline of that name.</summary>
    /// <exception cref="KeyNotFoundException">No pipeline has that name.</exception>
    public AnalysisChain Get(string pipeline) =>
        chains.TryGetValue(pipeline, out var chain)
            ? chain
            : throw new KeyNotFoundException($"No analysis pipeline named '{pipeline}'. Known: {string.Join(", ", chains.Keys)}.");

    /// <summary>
    /// One per-field analyzer for both indexing and querying: each field named in
    /// <paramref name="fieldPipelines"/> uses its pipeline, every other field <paramref name="defaultPipeline"/>.
    /// </summary>
    public Analyzer ForFields(IReadOnlyDictionary<string, string> fieldPipelines, string defaultPipeline = Pipelines.English) =>
        new FieldAnalyzer(
            Get(defaultPipeline).Analyzer,
            fieldPipelines.ToDictionary(kv => kv.Key, kv => Get(kv.Value).Analyzer));

    /// <summary>Every chain's description, one per line, then the fingerprint.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        foreach (var chain in chains.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
            sb.AppendLine(chain.ToString());
        sb.Append("fingerprint: ").Append(Fingerprint);
        return sb.ToString();
    }

    /// <summary>
    /// The digest of the chains' descriptions and of the rules indexing reads: each rule file's lines as analysis reads
    /// them (comments and blank lines aside), the query-time files (<see cref="RuleFiles.QueryTimeOnly"/>) left out.
    /// A comment edit or a new edit cost needs no rebuild.
    /// </summary>
    internal static string ComputeFingerprint(IEnumerable<AnalysisChain> chains, IEnumerable<(string Name, string Text)> rules)
    {
        var sb = new StringBuilder();
        foreach (var c in chains.OrderBy(c => c.Name, StringComparer.Ordinal))
            sb.Append("chain ").Append(c.Name).Append('\n').Append(c.Description).Append('\n');
        foreach (var (name, text) in rules.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (RuleFiles.QueryTimeOnly.Contains(name))
                continue;
            sb.Append("rules ").Append(name).Append('\n');
            foreach (var line in RuleParsers.Lines(new StringReader(text)))
                sb.Append(line).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }
}
