using System.Text;

namespace Search.Analysis.Names;

/// <summary>
/// Other languages' orthographies of a Latin name word (<c>Rules/names/orthographies.txt</c>): each a set of rewrites
/// of the folded form into the English-style romanisation the similarity is tuned on (Hungarian <c>Damaszkusz</c> →
/// <c>damaskus</c>, Polish <c>Guanczou</c> → <c>guanchou</c>). An orthography is tried on a word only when the word holds
/// one of its triggers (letter groups that other spellings do not write); each orthography tried gives at most one
/// alternative form. The matcher scores a word's candidate spellings against each alternative too and keeps the best.
/// </summary>
internal sealed class NameOrthographies
{
    /// <summary>The orthographies of the embedded rule file.</summary>
    internal static NameOrthographies Default { get; } = Load("names/orthographies.txt");

    private sealed class Orthography(string name)
    {
        internal readonly string Name = name;
        // A trigger anchored at the word's start (^) or end ($), or anywhere.
        internal readonly List<(string Text, bool Start, bool End)> Triggers = [];
        // from => to, longest first; "^" opens a from anchored at the word's start, "$" ends one anchored at its end.
        internal readonly List<(string From, bool Start, bool End, string To)> Rules = [];
        // When set, a word is read in this orthography only if it matches, combining marks aside (the syllables of Wade-Giles).
        internal System.Text.RegularExpressions.Regex? Word;
    }

    private readonly List<Orthography> orthographies = [];

    /// <summary>The triggers of one letter, and the first two letters of the others: a word with none of them is never rewritten (a cheap first test).</summary>
    private readonly bool[] singleTrigger = new bool[char.MaxValue + 1];
    private readonly HashSet<int> triggerPairs = [];

    private NameOrthographies()
    {
    }

    /// <summary>True when no orthography is listed.</summary>
    internal bool IsEmpty => orthographies.Count == 0;

    internal static NameOrthographies Load(string ruleFile) => Parse(ruleFile, RuleParsers.Lines(ruleFile));

    internal static NameOrthographies Parse(string ruleFile, IEnumerable<string> lines)
    {
        var result = new NameOrthographies();
        var byName = new Dictionary<string, Orthography>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            int space = line.IndexOf(' ');
            if (space < 0)
                throw new FormatException($"{ruleFile}: expected 'ORTHOGRAPHY rule': {line}");
            var name = line[..space];
            var rest = line[(space + 1)..].Trim();
            if (!byName.TryGetValue(name, out var o))
            {
                byName[name] = o = new Orthography(name);
                result.orthographies.Add(o);
            }
            if (rest.StartsWith("trigger ", StringComparison.Ordinal))
            {
                foreach (var t in rest["trigger ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var trigger = RuleParsers.Unquote(t, ruleFile);
                    bool tStart = trigger.StartsWith('^'), tEnd = trigger.EndsWith('$') && trigger.Length > 1;
                    trigger = trigger[(tStart ? 1 : 0)..^(tEnd ? 1 : 0)];
                    if (trigger.Length == 0)
                        throw new FormatException($"{ruleFile}: empty trigger: {line}");
                    o.Triggers.Add((trigger, tStart, tEnd));
                    if (trigger.Length == 1)
                        result.singleTrigger[trigger[0]] = true;
                    else
                        result.triggerPairs.Add(trigger[0] << 16 | trigger[1]);
                }
                continue;
            }
            if (rest.StartsWith("word ", StringComparison.Ordinal))
            {
                var pattern = RuleParsers.Unquote(rest["word ".Length..].Trim(), ruleFile);
                try
                {
                    o.Word = new System.Text.RegularExpressions.Regex(pattern,
                        System.Text.RegularExpressions.RegexOptions.CultureInvariant,
                        TimeSpan.FromMilliseconds(50));
                }
                catch (ArgumentException e)
                {
                    throw new FormatException($"{ruleFile}: not a regular expression: {line} ({e.Message})");
                }
                continue;
            }
            int arrow = rest.IndexOf("=>", StringComparison.Ordinal);
            if (arrow < 0)
                throw new FormatException($"{ruleFile}: not a rule line: {line}");
            var from = RuleParsers.Unquote(rest[..arrow].Trim(), ruleFile);
            var to = RuleParsers.Unquote(rest[(arrow + 2)..].Trim(), ruleFile);
            bool start = from.StartsWith('^'), end = from.EndsWith('$');
            from = from[(start ? 1 : 0)..^(end ? 1 : 0)];
            if (from.Length == 0)
                throw new FormatException($"{ruleFile}: empty rule: {line}");
            o.Rules.Add((from, start, end, to));
        }
        foreach (var o in result.orthographies)
        {
            if (o.Triggers.Count == 0)
                throw new FormatException($"{ruleFile}: orthography '{o.Name}' has no trigger line");
            o.Rules.Sort((x, y) => y.From.Length.CompareTo(x.From.Length));
        }
        return result;
    }

    /// <summary>True when some orthography may rewrite <paramref name="form"/> (it holds a trigger).</summary>
    internal bool MayRewrite(ReadOnlySpan<char> form)
    {
        for (int i = 0; i < form.Length; i++)
            if (singleTrigger[form[i]] || (i + 1 < form.Length && triggerPairs.Contains(form[i] << 16 | form[i + 1])))
                goto check;
        return false;
        check:
        foreach (var o in orthographies)
            if (Triggered(o, form))
                return true;
        return false;
    }

    /// <summary>
    /// The alternative forms of a folded Latin <paramref name="form"/>: one for each orthography one of whose triggers it
    /// holds, every rule of that orthography applied (left to right, longest first), when that changes the form;
    /// distinct, never the form itself.
    /// </summary>
    internal List<string> Alternatives(ReadOnlySpan<char> form) => Alternatives(form, form);

    /// <summary>The alternatives of <paramref name="form"/> when its triggers are looked for in <paramref name="triggerForm"/>.</summary>
    private List<string> Alternatives(ReadOnlySpan<char> triggerForm, ReadOnlySpan<char> form)
    {
        var result = new List<string>(2);
        if (!MayRewrite(triggerForm))
            return result;
        foreach (var o in orthographies)
        {
            if (!Triggered(o, triggerForm))
                continue;
            var alt = Rewrite(o, form);
            if (!form.SequenceEqual(alt) && !result.Contains(alt))
                result.Add(alt);
        }
        return result;
    }

    /// <summary>
    /// The alternative forms of a word as typed (<paramref name="written"/>, its letters before folding: the tilde of
    /// Portuguese <c>Teerã</c>, the hyphens and apostrophes of Wade-Giles <c>Pei-p'ing</c>), each folded as the name field
    /// folds; with the alternatives of <paramref name="folded"/>, its folded form; distinct, never the folded form itself.
    /// The triggers are looked for in the word as typed, case kept (a hyphen before a lower-case syllable), the rules
    /// applied to it in lower case.
    /// </summary>
    internal List<string> Alternatives(string written, string folded)
    {
        var result = Alternatives(folded.AsSpan());
        var composed = written.Normalize(NormalizationForm.FormC);
        var lower = composed.ToLowerInvariant();
        if (lower.Length == 0 || lower == folded)
            return result;
        foreach (var alt in Alternatives(composed.AsSpan(), lower.AsSpan()))
        {
            var f = NameForms.FoldLatin(alt);
            if (f.Length > 0 && f != folded && !result.Contains(f))
                result.Add(f);
        }
        return result;
    }

    /// <summary>
    /// The letters of a Latin word as typed, <paramref name="chunk"/>[<paramref name="start"/>..<paramref name="end"/>] (offsets
    /// in the text, the chunk starting at <paramref name="chunkStart"/>), when they hold a sign other than an ASCII letter or digit
    /// and a trigger of some orthography (so the fold may have taken off what the orthography reads); else null.
    /// </summary>
    internal static string? WrittenOf(string? chunk, int chunkStart, int start, int end)
    {
        if (chunk == null || chunkStart < 0 || start < chunkStart || end - chunkStart > chunk.Length || start >= end)
            return null;
        var span = chunk.AsSpan(start - chunkStart, end - start);
        if (!NameForms.IsWellFormed(span))
            return null;   // a malformed text (an unpaired surrogate): its letters are not read as an orthography
        bool plain = true;
        foreach (var c in span)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                plain = false;
                break;
            }
        }
        return plain || !Default.MayRewrite(span) ? null : span.ToString();
    }

    /// <summary>
    /// The alternatives of a word that only its letters as typed give (<paramref name="written"/>; not those of its folded
    /// <paramref name="folded"/> form, which the matcher finds from the form itself), when <paramref name="written"/> folds
    /// to <paramref name="folded"/> (not an article written on to it).
    /// </summary>
    internal List<string> WrittenOnlyAlternatives(string written, string folded)
    {
        if (NameForms.FoldLatin(written) != folded)
            return [];
        var own = Alternatives(folded.AsSpan());
        var all = Alternatives(written, folded);
        all.RemoveAll(own.Contains);
        return all;
    }

    /// <summary>The orthographies whose triggers <paramref name="form"/> holds, by name (for tests and explanations).</summary>
    internal IEnumerable<string> Triggered(string form) => orthographies.Where(o => Triggered(o, form)).Select(o => o.Name);

    private static bool Triggered(Orthography o, ReadOnlySpan<char> form)
    {
        foreach (var (text, start, end) in o.Triggers)
        {
            if (start ? form.StartsWith(text.AsSpan(), StringComparison.Ordinal)
                : end ? form.EndsWith(text.AsSpan(), StringComparison.Ordinal)
                : form.IndexOf(text.AsSpan(), StringComparison.Ordinal) >= 0)
                return o.Word == null || MatchesWord(o.Word, form);
        }
        return false;
    }

    /// <summary>True when <paramref name="form"/>, its combining marks taken off and its case kept, matches the orthography's word pattern.</summary>
    private static bool MatchesWord(System.Text.RegularExpressions.Regex word, ReadOnlySpan<char> form)
    {
        if (!NameForms.IsWellFormed(form))
            return false;
        var decomposed = form.ToString().Normalize(NormalizationForm.FormD);
        var bare = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
                bare.Append(c);
        try
        {
            return word.IsMatch(bare.ToString());
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Rewrite(Orthography o, ReadOnlySpan<char> form)
    {
        var sb = new StringBuilder(form.Length + 4);
        int i = 0;
        while (i < form.Length)
        {
            bool done = false;
            foreach (var (from, start, end, to) in o.Rules)
            {
                if ((start && i != 0) || (end && i + from.Length != form.Length) || !form[i..].StartsWith(from.AsSpan(), StringComparison.Ordinal))
                    continue;
                sb.Append(to);
                i += from.Length;
                done = true;
                break;
            }
            if (!done)
                sb.Append(form[i++]);
        }
        return sb.ToString();
    }
}
