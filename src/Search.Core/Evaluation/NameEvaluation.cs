using System.Globalization;
using System.Text;

namespace Search.Evaluation;

/// <summary>One row of a variant file: a spelling of one entity.</summary>
internal sealed record NameVariantRow(string GroupId, string Variant, string Script);

/// <summary>One row of a negatives file: names of two different entities.</summary>
internal sealed record NegativePair(string A, string B);

/// <summary>The search engine as the evaluation sees it: add documents, commit, run a search-box query.</summary>
internal interface INameEvaluationEngine
{
    /// <summary>Indexes one document whose only text is <paramref name="text"/>.</summary>
    Task AddAsync(string id, string text, CancellationToken cancellationToken);

    /// <summary>Makes the added documents searchable.</summary>
    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>The ids of the top hits (at most 1,000) of a query in the search-box syntax.</summary>
    Task<IReadOnlyList<string>> SearchAsync(string query, CancellationToken cancellationToken);
}

/// <summary>A figure and the counts behind it.</summary>
/// <param name="Value">The figure.</param>
/// <param name="Numerator">Sum of the shares (or count of successes).</param>
/// <param name="Count">Number of queries or directions it averages over.</param>
internal sealed record Figure(double Value, double Numerator, int Count)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Value:F3} ({Numerator:0.##}/{Count})");
}

/// <summary>A query's recall, for the list of the worst queries.</summary>
internal sealed record QueryRecall(string GroupId, string Query, string Script, double Recall, int Found, int Expected, IReadOnlyList<string> Missed);

/// <summary>A negative direction whose other name was retrieved.</summary>
internal sealed record NegativeMiss(string Query, string Retrieved);

/// <summary>The figures of <c>EVAL.md</c>.</summary>
internal sealed record NameEvaluationReport(
    Figure Recall,
    Figure RecallLatnArab,
    Figure RecallArabLatn,
    Figure RecallLatnLatn,
    Figure RecallArabArab,
    Figure NegativeRejection,
    double Score,
    Figure ExactFirst,
    Figure OtherGroupHits,
    IReadOnlyList<QueryRecall> WorstQueries,
    IReadOnlyList<NegativeMiss> NegativesNotRejected,
    IReadOnlyList<NegativeMiss> ExactNotFirst)
{
    /// <summary>The figures one per line as <c>name: value</c>, then the worst queries and the negatives not rejected.</summary>
    public string ToText(int worst = 25)
    {
        var sb = new StringBuilder();
        void Line(string name, Figure f) => sb.Append(name).Append(": ").Append(f.Value.ToString("F3", CultureInfo.InvariantCulture))
            .Append("  (").Append(f.Numerator.ToString("0.##", CultureInfo.InvariantCulture)).Append(" / ").Append(f.Count).AppendLine(")");
        Line("recall", Recall);
        Line("recall_latn_arab", RecallLatnArab);
        Line("recall_arab_latn", RecallArabLatn);
        Line("recall_latn_latn", RecallLatnLatn);
        Line("recall_arab_arab", RecallArabArab);
        Line("negative_rejection", NegativeRejection);
        sb.Append("score: ").AppendLine(Score.ToString("F3", CultureInfo.InvariantCulture));
        Line("exact_first", ExactFirst);
        Line("other_group_hits", OtherGroupHits);
        sb.AppendLine().AppendLine($"worst queries (lowest recall, {Math.Min(worst, WorstQueries.Count)} of {WorstQueries.Count}):");
        foreach (var q in WorstQueries.Take(worst))
            sb.Append(CultureInfo.InvariantCulture, $"  {q.Recall:F2}  {q.Query}  [{q.GroupId}, {q.Script}] found {q.Found}/{q.Expected}; missed: ")
                .AppendLine(string.Join(" | ", q.Missed.Take(8)));
        sb.AppendLine().AppendLine($"exact spelling not ranked first ({ExactNotFirst.Count}; query -> first hit):");
        foreach (var n in ExactNotFirst.Take(worst))
            sb.Append("  ").Append(n.Query).Append(" -> ").AppendLine(n.Retrieved);
        sb.AppendLine().AppendLine($"negatives not rejected ({NegativesNotRejected.Count}):");
        foreach (var n in NegativesNotRejected)
            sb.Append("  ").Append(n.Query).Append(" -> ").AppendLine(n.Retrieved);
        return sb.ToString();
    }
}

/// <summary>
/// The name-retrieval evaluation of <c>../shared/names/EVAL.md</c> (v2), run through a search engine:
/// one document per variant row and per negatives name not already a variant; every variant is a query
/// (a multi-word name as a quoted phrase); recall, negative rejection, score, exact first, other-group hits.
/// </summary>
internal static class NameEvaluation
{
    /// <summary>Reads a variant file (<c>group_id, variant, script, ...</c>, tab-separated, one header line).</summary>
    public static List<NameVariantRow> ReadVariants(TextReader reader) =>
        ReadTsv(reader).Select(f => new NameVariantRow(f[0], f[1], f.Length > 2 ? f[2] : "Latn")).ToList();

    /// <summary>Reads a negatives file (<c>a, b, note</c>, tab-separated, one header line).</summary>
    public static List<NegativePair> ReadNegatives(TextReader reader) =>
        ReadTsv(reader).Select(f => new NegativePair(f[0], f[1])).ToList();

    private static IEnumerable<string[]> ReadTsv(TextReader reader)
    {
        reader.ReadLine();
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0)
                continue;
            var f = line.Split('\t');
            if (f.Length >= 2)
                yield return f;
        }
    }

    /// <summary>The search-box text of a name: one word as is, several words as a quoted phrase.</summary>
    public static string QueryText(string name)
    {
        var trimmed = name.Trim().Replace("\"", " ", StringComparison.Ordinal);
        return trimmed.Any(char.IsWhiteSpace) ? "\"" + trimmed + "\"" : trimmed;
    }

    /// <summary>Runs the evaluation.</summary>
    public static async Task<NameEvaluationReport> RunAsync(
        INameEvaluationEngine engine,
        IReadOnlyList<NameVariantRow> variants,
        IReadOnlyList<NegativePair> negatives,
        CancellationToken cancellationToken = default)
    {
        // Index: one document per variant row, one per distinct negatives name that is not a variant.
        var docText = new Dictionary<string, string>(StringComparer.Ordinal);
        var docGroup = new Dictionary<string, string?>(StringComparer.Ordinal);
        var idsByText = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (int i = 0; i < variants.Count; i++)
        {
            var id = "v" + i.ToString(CultureInfo.InvariantCulture);
            docText[id] = variants[i].Variant;
            docGroup[id] = variants[i].GroupId;
            Index(idsByText, variants[i].Variant, id);
        }
        int n = 0;
        foreach (var name in negatives.SelectMany(p => new[] { p.A, p.B }).Distinct(StringComparer.Ordinal))
        {
            if (idsByText.ContainsKey(name))
                continue;
            var id = "n" + (n++).ToString(CultureInfo.InvariantCulture);
            docText[id] = name;
            docGroup[id] = null;
            Index(idsByText, name, id);
        }
        foreach (var (id, text) in docText)
            await engine.AddAsync(id, text, cancellationToken).ConfigureAwait(false);
        await engine.CommitAsync(cancellationToken).ConfigureAwait(false);

        var hitsCache = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        async Task<IReadOnlyList<string>> Hits(string name)
        {
            if (!hitsCache.TryGetValue(name, out var hits))
                hitsCache[name] = hits = await engine.SearchAsync(QueryText(name), cancellationToken).ConfigureAwait(false);
            return hits;
        }

        var byGroup = Enumerable.Range(0, variants.Count).GroupBy(i => variants[i].GroupId)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        double recallSum = 0, exactSum = 0, otherSum = 0;
        int recallCount = 0, exactCount = 0;
        var pairSum = new Dictionary<string, double>(StringComparer.Ordinal);
        var pairCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var perQuery = new List<QueryRecall>();
        var notFirst = new List<NegativeMiss>();
        for (int i = 0; i < variants.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = variants[i];
            var hits = await Hits(row.Variant).ConfigureAwait(false);
            var hitSet = new HashSet<string>(hits, StringComparer.Ordinal);

            exactCount++;
            if (hits.Count > 0 && docText[hits[0]] == row.Variant)
                exactSum++;
            else
                notFirst.Add(new NegativeMiss(row.Variant, hits.Count > 0 ? docText[hits[0]] : "(no hit)"));
            otherSum += hits.Count(h => docGroup[h] != row.GroupId);

            var others = byGroup[row.GroupId].Where(j => j != i).ToList();
            if (others.Count == 0)
                continue;
            int found = others.Count(j => hitSet.Contains("v" + j.ToString(CultureInfo.InvariantCulture)));
            double r = (double)found / others.Count;
            recallSum += r;
            recallCount++;
            perQuery.Add(new QueryRecall(row.GroupId, row.Variant, row.Script, r, found, others.Count,
                others.Where(j => !hitSet.Contains("v" + j.ToString(CultureInfo.InvariantCulture))).Select(j => variants[j].Variant).ToList()));
            foreach (var script in others.Select(j => variants[j].Script).Distinct())
            {
                var target = others.Where(j => variants[j].Script == script).ToList();
                var key = Pair(row.Script, script);
                pairSum[key] = pairSum.GetValueOrDefault(key) + (double)target.Count(j => hitSet.Contains("v" + j.ToString(CultureInfo.InvariantCulture))) / target.Count;
                pairCount[key] = pairCount.GetValueOrDefault(key) + 1;
            }
        }

        int rejected = 0, directions = 0;
        var misses = new List<NegativeMiss>();
        foreach (var p in negatives)
        {
            foreach (var (query, other) in new[] { (p.A, p.B), (p.B, p.A) })
            {
                if (ContainedWordForWord(query, other))
                    continue;
                directions++;
                var hits = await Hits(query).ConfigureAwait(false);
                var otherIds = idsByText[other];
                if (hits.Any(h => otherIds.Contains(h)))
                    misses.Add(new NegativeMiss(query, other));
                else
                    rejected++;
            }
        }

        Figure F(double sum, int count) => new(count == 0 ? 0 : sum / count, sum, count);
        var recall = F(recallSum, recallCount);
        var rejection = F(rejected, directions);
        double score = recall.Value + rejection.Value == 0 ? 0 : 2 * recall.Value * rejection.Value / (recall.Value + rejection.Value);
        Figure PairFigure(string key) => F(pairSum.GetValueOrDefault(key), pairCount.GetValueOrDefault(key));
        return new NameEvaluationReport(
            recall,
            PairFigure(Pair("Latn", "Arab")),
            PairFigure(Pair("Arab", "Latn")),
            PairFigure(Pair("Latn", "Latn")),
            PairFigure(Pair("Arab", "Arab")),
            rejection,
            score,
            F(exactSum, exactCount),
            F(otherSum, exactCount),
            perQuery.OrderBy(q => q.Recall).ThenBy(q => q.GroupId, StringComparer.Ordinal).ToList(),
            misses,
            notFirst);
    }

    private static string Pair(string from, string to) => from + "->" + to;

    private static void Index(Dictionary<string, List<string>> idsByText, string text, string id)
    {
        if (!idsByText.TryGetValue(text, out var list))
            idsByText[text] = list = new List<string>();
        list.Add(id);
    }

    /// <summary>
    /// True when the query's words occur, in order and adjacent, among the other name's words (both folded:
    /// NFKD, combining marks removed, lower case, split at every character that is not a letter or digit).
    /// </summary>
    public static bool ContainedWordForWord(string query, string other)
    {
        var q = FoldWords(query);
        var o = FoldWords(other);
        if (q.Count == 0 || q.Count > o.Count)
            return false;
        for (int start = 0; start + q.Count <= o.Count; start++)
        {
            bool all = true;
            for (int k = 0; k < q.Count && all; k++)
                all = q[k] == o[start + k];
            if (all)
                return true;
        }
        return false;
    }

    private static List<string> FoldWords(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                continue;
            sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
