using System.Globalization;
using Search.Analysis.Names;

namespace Search.Evaluation;

/// <summary>Settings of <see cref="NameCostLearner"/>.</summary>
/// <param name="Epochs">Passes over the pairs.</param>
/// <param name="Rate">Step of each update (costs are multiplied by <c>exp(±Rate)</c> at most).</param>
/// <param name="NegativeWeight">Weight of a word pair of the negatives file that is accepted.</param>
/// <param name="LooseWeight">Weight of an accepted word pair of two different groups (a likely confusion).</param>
/// <param name="MinSupport">A cost is lowered only when failing pairs of this many groups ask for it.</param>
/// <param name="HoldOut">Learn on half of the groups and negatives, and report the other half before and after.</param>
internal sealed record NameCostLearningOptions(int Epochs = 12, double Rate = 0.08, double NegativeWeight = 6, double LooseWeight = 0.003, int MinSupport = 3, bool HoldOut = false);

/// <summary>Word-pair figures of a cost table (a fast stand-in for the search evaluation, with no index).</summary>
/// <param name="Recall">Mean share of the other variants of a group whose words all match the query's, word for word.</param>
/// <param name="Rejection">Share of the negative directions whose words do not all match.</param>
/// <param name="Loose">Accepted candidate word pairs of two different groups.</param>
internal sealed record PairFigures(double Recall, double Rejection, int Loose)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"pair_recall={Recall:F4} pair_rejection={Rejection:F3} loose_pairs={Loose}");
}

/// <summary>
/// Learns the costs of <c>similarity-costs.txt</c> from aligned development pairs, as a structured perceptron:
/// every pass aligns each variant word pair the similarity rejects (but nearly accepts) and lowers the cost of
/// every rule on its cheapest path, and aligns each accepted pair of a negative or of two different groups and
/// raises the costs on its path; the pass with the best harmonic mean of pair recall and rejection is kept.
/// With <see cref="NameCostLearningOptions.HoldOut"/> it learns on half of the groups and reports the other
/// half, which is how to tell learning from memorising (see docs/names.md).
/// </summary>
internal static class NameCostLearner
{
    private sealed record Word(string Form, bool Arabic, string[] Units, string Key);

    private sealed record Data(List<List<NameVariantRow>> Groups, List<(string Query, string Other)> Negatives);

    // Budgets and factors shape the acceptance, not the price of one edit: they are tuned with --tune instead.
    private static readonly HashSet<string> Frozen = new(StringComparer.Ordinal)
    {
        "param budget-per-unit", "param budget-min", "param budget-max", "param budget-long-per-unit", "param budget-long-from",
        "param budget-cross-factor", "param budget-cross-max", "param budget-cross-arabic-scale", "param budget-length-mix",
        "param final-vowel-sub-factor", "param cross-medial-vowel-factor",
    };

    /// <summary>Learns from the rows; writes the progress and the figures to <paramref name="log"/>; returns the learned cost file.</summary>
    public static string Learn(IReadOnlyList<NameVariantRow> variants, IReadOnlyList<NegativePair> negatives, NameCostLearningOptions options, TextWriter log)
    {
        var words = new Dictionary<string, List<Word>>(StringComparer.Ordinal);
        var groups = variants.GroupBy(v => v.GroupId).Select(g => g.ToList()).Where(g => g.Count >= 2).ToList();
        bool InTraining(string key) => !options.HoldOut || (StableHash(key) & 1) == 0;
        var train = new Data(groups.Where(g => InTraining(g[0].GroupId)).ToList(), Directions(negatives.Where((n, i) => !options.HoldOut || i % 2 == 0)));
        var held = new Data(groups.Where(g => !InTraining(g[0].GroupId)).ToList(), Directions(negatives.Where((n, i) => options.HoldOut && i % 2 == 1)));

        var loose = LoosePairs(train.Groups, words);
        var start = NameSimilarity.Default.Costs.Clone();
        var before = Figures(new NameSimilarity(start), train, loose, words);
        log.WriteLine($"learning on {train.Groups.Count} groups, {train.Negatives.Count} negative directions, {loose.Count} candidate pairs of different groups");
        log.WriteLine($"before: {before}");

        var positives = Positives(train.Groups, words);
        var costs = start.Clone();
        var best = costs.Clone();
        double bestScore = Score(before);
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var similarity = new NameSimilarity(costs);
            var pull = new Dictionary<string, double>(StringComparer.Ordinal);
            var support = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var (a, b, weight, group) in positives)
            {
                double budget = similarity.BudgetFor(a.Units, a.Arabic, b.Units, b.Arabic);
                double d = similarity.Distance(a.Units, a.Arabic, b.Units, b.Arabic, budget * 2.5);
                if (d > budget + 1e-9 && d < budget * 2.5)
                    Push(similarity, a, b, -weight, group, pull, support);
            }
            foreach (var (a, b, weight) in NegativeWords(train, words, options.NegativeWeight).Concat(loose.Select(p => (p.A, p.B, options.LooseWeight))))
            {
                double budget = similarity.BudgetFor(a.Units, a.Arabic, b.Units, b.Arabic);
                if (similarity.Distance(a.Units, a.Arabic, b.Units, b.Arabic, budget * 1.3) <= budget * 1.15)
                    Push(similarity, a, b, weight, null, pull, support);
            }
            foreach (var (rule, g) in pull)
            {
                if (g < 0 && (!support.TryGetValue(rule, out var groupsAsking) || groupsAsking.Count < options.MinSupport))
                    continue;
                costs.Set(rule, Math.Clamp(similarity.RuleCost(rule) * Math.Exp(options.Rate * Math.Tanh(g)), 0.02, 3.0));
            }
            var figures = Figures(new NameSimilarity(costs), train, loose, words);
            log.WriteLine($"epoch {epoch}: {figures}, {pull.Count} rules moved");
            if (Score(figures) > bestScore)
            {
                bestScore = Score(figures);
                best = costs.Clone();
            }
        }
        log.WriteLine($"kept: {Figures(new NameSimilarity(best), train, loose, words)}");
        if (options.HoldOut)
        {
            var heldLoose = LoosePairs(held.Groups, words);
            log.WriteLine($"held out ({held.Groups.Count} groups, {held.Negatives.Count} negative directions): before {Figures(new NameSimilarity(start), held, heldLoose, words)}");
            log.WriteLine($"held out: after  {Figures(new NameSimilarity(best), held, heldLoose, words)}");
        }
        return ToCostFile(best);
    }

    private static double Score(PairFigures f) => f.Recall + f.Rejection == 0 ? 0 : 2 * f.Recall * f.Rejection / (f.Recall + f.Rejection);

    private static void Push(NameSimilarity similarity, Word a, Word b, double weight, string? group,
        Dictionary<string, double> pull, Dictionary<string, HashSet<string>> support)
    {
        var rules = new List<string>();
        similarity.Explain(a.Units, a.Arabic, b.Units, b.Arabic, rules);
        foreach (var rule in rules.Distinct(StringComparer.Ordinal))
        {
            if (Frozen.Contains(rule))
                continue;
            pull[rule] = pull.GetValueOrDefault(rule) + weight;
            if (group != null)
            {
                if (!support.TryGetValue(rule, out var set))
                    support[rule] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(group);
            }
        }
    }

    private static List<Word> Words(string text, Dictionary<string, List<Word>> cache)
    {
        if (cache.TryGetValue(text, out var words))
            return words;
        words = NameSequence.Process(NameMatcher.Tokenize(text)).Where(t => t.Kind == NameTokenKind.Main).Select(t =>
        {
            var units = NameSimilarity.Units(t.Form, t.Arabic);
            return new Word(t.Form, t.Arabic, units, NameKeys.Key(units, t.Arabic));
        }).ToList();
        cache[text] = words;
        return words;
    }

    private static bool Candidate(Word q, Word c) => NameMatcher.IsCandidate(q.Key, q.Units, q.Arabic, c.Key, c.Units, c.Arabic);

    private static bool Same(Word a, Word b) => a.Arabic == b.Arabic && a.Form == b.Form;

    // Each pair of different words at the same place of two variants with as many words, weighted as the
    // evaluation weighs a query's recall (each other variant counts 1 / (group size - 1)).
    private static List<(Word A, Word B, double Weight, string Group)> Positives(List<List<NameVariantRow>> groups, Dictionary<string, List<Word>> cache)
    {
        var weights = new Dictionary<(Word, Word), (double Weight, string Group)>();
        foreach (var group in groups)
            foreach (var q in group)
                foreach (var t in group)
                {
                    if (ReferenceEquals(q, t))
                        continue;
                    var a = Words(q.Variant, cache);
                    var b = Words(t.Variant, cache);
                    if (a.Count == 0 || a.Count != b.Count)
                        continue;
                    for (int i = 0; i < a.Count; i++)
                        if (!Same(a[i], b[i]) && Candidate(a[i], b[i]))
                            weights[(a[i], b[i])] = (weights.GetValueOrDefault((a[i], b[i])).Weight + 1.0 / (group.Count - 1), q.GroupId);
                }
        return weights.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value.Weight, kv.Value.Group)).ToList();
    }

    // Candidate word pairs of two groups that share no spelling: most are confusions the costs should reject.
    private static List<(Word A, Word B)> LoosePairs(List<List<NameVariantRow>> groups, Dictionary<string, List<Word>> cache)
    {
        var forms = new Dictionary<(string, bool), (Word Word, HashSet<string> Groups)>();
        foreach (var row in groups.SelectMany(g => g))
            foreach (var w in Words(row.Variant, cache))
            {
                if (!forms.TryGetValue((w.Form, w.Arabic), out var entry))
                    forms[(w.Form, w.Arabic)] = entry = (w, new HashSet<string>(StringComparer.Ordinal));
                entry.Groups.Add(row.GroupId);
            }
        // Keys within two edits differ in length by two at most: compare each form with the lengths that can fit.
        var byLength = forms.Values.Where(f => f.Word.Key.Length > 0).GroupBy(f => f.Word.Key.Length).ToDictionary(g => g.Key, g => g.ToList());
        var pairs = new List<(Word, Word)>();
        foreach (var f in forms.Values)
            for (int length = f.Word.Key.Length - 2; length <= f.Word.Key.Length + 2; length++)
                if (byLength.TryGetValue(length, out var others))
                    foreach (var o in others)
                        if (!o.Groups.Overlaps(f.Groups) && Candidate(f.Word, o.Word))
                            pairs.Add((f.Word, o.Word));
        return pairs;
    }

    private static List<(string, string)> Directions(IEnumerable<NegativePair> negatives)
    {
        var directions = new List<(string, string)>();
        foreach (var n in negatives)
            foreach (var (q, o) in new[] { (n.A, n.B), (n.B, n.A) })
                if (!NameEvaluation.ContainedWordForWord(q, o))
                    directions.Add((q, o));
        return directions;
    }

    private static IEnumerable<(Word, Word, double)> NegativeWords(Data data, Dictionary<string, List<Word>> cache, double weight)
    {
        foreach (var (q, o) in data.Negatives)
        {
            var a = Words(q, cache);
            var b = Words(o, cache);
            for (int s = 0; s + a.Count <= b.Count; s++)
                for (int k = 0; k < a.Count; k++)
                    if (!Same(a[k], b[s + k]))
                        yield return (a[k], b[s + k], weight);
        }
    }

    private static PairFigures Figures(NameSimilarity similarity, Data data, List<(Word A, Word B)> loose, Dictionary<string, List<Word>> cache)
    {
        var memo = new Dictionary<(Word, Word), bool>();
        bool Accept(Word q, Word c)
        {
            if (Same(q, c))
                return true;
            if (!memo.TryGetValue((q, c), out var ok))
                memo[(q, c)] = ok = Candidate(q, c) && similarity.Similarity(q.Units, q.Arabic, c.Units, c.Arabic) > 0;
            return ok;
        }
        double recall = 0;
        int queries = 0;
        foreach (var group in data.Groups)
            foreach (var q in group)
            {
                var a = Words(q.Variant, cache);
                int found = group.Count(t => !ReferenceEquals(t, q) && Words(t.Variant, cache) is var b && a.Count > 0 && a.Count == b.Count && a.Zip(b).All(p => Accept(p.First, p.Second)));
                recall += (double)found / (group.Count - 1);
                queries++;
            }
        int rejected = 0;
        foreach (var (q, o) in data.Negatives)
        {
            var a = Words(q, cache);
            var b = Words(o, cache);
            bool hit = Enumerable.Range(0, Math.Max(0, b.Count - a.Count + 1)).Any(s => a.Count > 0 && a.Select((w, k) => Accept(w, b[s + k])).All(x => x));
            if (!hit)
                rejected++;
        }
        int accepted = loose.Count(p => similarity.Similarity(p.A.Units, p.A.Arabic, p.B.Units, p.B.Arabic) > 0);
        return new PairFigures(queries == 0 ? 0 : recall / queries, data.Negatives.Count == 0 ? 1 : (double)rejected / data.Negatives.Count, accepted);
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = 17;
            foreach (var c in s)
                h = h * 31 + c;
            return h & int.MaxValue;
        }
    }

    /// <summary>The learned cost file: the embedded file's lines with the learned values, new rules appended.</summary>
    private static string ToCostFile(NameCosts costs) =>
        costs.ToText(RuleParsers.Text("names/similarity-costs.txt"),
            "# --- rules the learner added (search eval names --learn) ---");
}
