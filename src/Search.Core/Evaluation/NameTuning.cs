using System.Globalization;
using System.Runtime.CompilerServices;
using Search.Analysis.Names;
using Search.Querying;

namespace Search.Evaluation;

/// <summary>
/// Re-derives the global params of <c>similarity-costs.txt</c>: runs the name evaluation through the engine
/// once per point of a grid (<c>NAME=V1,V2,...</c> per param) and reports the figures of each point.
/// </summary>
internal static class NameTuning
{
    /// <summary>One line per grid point: the params, then recall, the cross-script recalls, rejection, score, exact first, other-group hits.</summary>
    public static async IAsyncEnumerable<string> RunAsync(
        IReadOnlyList<string> specs,
        IReadOnlyList<NameVariantRow> variants,
        IReadOnlyList<NegativePair> negatives,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var costs = NameSimilarity.Default.Costs;
        var grid = Grid(specs, costs);
        try
        {
            foreach (var point in grid)
            {
                NameQueryBuilder.UseSimilarity(new NameSimilarity(costs.With(point)));
                using var engine = new SearchIndexEvaluationEngine();
                var r = await NameEvaluation.RunAsync(engine, variants, negatives, cancellationToken).ConfigureAwait(false);
                yield return string.Join(" ", point.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}"))) +
                    string.Create(CultureInfo.InvariantCulture,
                        $"  recall={r.Recall.Value:F3} latn_arab={r.RecallLatnArab.Value:F3} arab_latn={r.RecallArabLatn.Value:F3} negative_rejection={r.NegativeRejection.Value:F3} score={r.Score:F3} exact_first={r.ExactFirst.Value:F3} other_group_hits={r.OtherGroupHits.Value:F3}");
            }
        }
        finally
        {
            NameQueryBuilder.UseSimilarity(NameSimilarity.Default);
        }
    }

    private static List<Dictionary<string, double>> Grid(IReadOnlyList<string> specs, NameCosts costs)
    {
        var grid = new List<Dictionary<string, double>> { new() };
        foreach (var spec in specs)
        {
            var eq = spec.IndexOf('=');
            if (eq <= 0)
                throw new SearchException($"--tune expects NAME=V1,V2,...: {spec}");
            var name = spec[..eq];
            if (!costs.Parameters.ContainsKey(name))
                throw new SearchException($"--tune: no param '{name}' in similarity-costs.txt. Known: {string.Join(", ", costs.Parameters.Keys)}");
            var values = spec[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList();
            grid = grid.SelectMany(g => values.Select(v => new Dictionary<string, double>(g) { [name] = v })).ToList();
        }
        return grid;
    }
}
