using System.Text.RegularExpressions;
using Search.Evaluation;

namespace Search.Core.Tests.Search;

/// <summary>The cost learner (<c>search eval names --learn</c>) lowers the price of an edit that many groups ask for.</summary>
public sealed class NameCostLearnerTests
{
    [Fact]
    public void An_edit_that_many_groups_need_gets_cheaper_and_the_figures_are_reported()
    {
        // x/g is not a listed substitution (it falls back on the consonant default, over a short name's budget).
        // Four groups need it; the learner must lower it, write it as a rule, and report a better pair recall.
        var variants = new[] { ("g1", "Xarid", "Garid"), ("g2", "Xahim", "Gahim"), ("g3", "Xazil", "Gazil"), ("g4", "Xasal", "Gasal") }
            .SelectMany(g => new[] { new NameVariantRow(g.Item1, g.Item2, "Latn"), new NameVariantRow(g.Item1, g.Item3, "Latn") })
            .ToList();
        var negatives = new[] { new NegativePair("Garid", "Gahim") };
        var log = new StringWriter();
        var file = NameCostLearner.Learn(variants, negatives, new NameCostLearningOptions(Epochs: 15, Rate: 0.15, MinSupport: 3), log);

        var rule = Regex.Match(file, @"^sub (?:x g|g x) ([0-9.]+)$", RegexOptions.Multiline);
        Assert.True(rule.Success, file);
        Assert.True(double.Parse(rule.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < 0.7);
        // The file keeps every other rule and its comments, so it can replace the embedded one.
        Assert.Contains("param budget-per-unit 0.17", file);
        Assert.Contains("# Costs of the transliteration-aware weighted edit distance", file);

        var text = log.ToString();
        double Recall(string label) => double.Parse(Regex.Match(text, label + @": pair_recall=([0-9.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, Recall("before"));
        Assert.Equal(1, Recall("kept"));
        Assert.Contains("pair_rejection=1.000", text[text.IndexOf("kept", StringComparison.Ordinal)..]);
    }
}
