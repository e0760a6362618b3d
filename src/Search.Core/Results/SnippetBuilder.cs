using System.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Search.Analysis.Names;
using Search.Indexing;
using Search.Querying;

namespace Search.Results;

/// <summary>A stretch of stored text that matched, and why.</summary>
internal readonly record struct MatchSpan(int Start, int End, MatchSource Source);

/// <summary>
/// Highlights hits: re-analyses the stored title and body with the pipeline of every field in the
/// <see cref="MatchPlan"/>, marks the tokens whose terms the query can match (a phrase's words only where the whole
/// phrase is), and cuts the passage of the body with the most distinct matched words. All text is HTML-escaped; only
/// the marks are markup.
/// </summary>
internal static class SnippetBuilder
{
    private const int MaxExplanations = 24;

    /// <summary>
    /// How much of a text is re-analysed to find matches. Highlighting a 20 MB body took 14 s per hit, outside
    /// any time budget; past this the text is shown unmarked (and past the indexed token limit it cannot match).
    /// </summary>
    internal const int MaxAnalyzedChars = 200_000;

    // Text fields and, for each, which indexed fields were fed from it.
    private static readonly string[] TitleFields = [Schema.Title, Schema.Exact, Schema.Name];
    private static readonly string[] BodyFields = [Schema.Body, Schema.Exact, Schema.Name];

    public static (string? TitleHtml, string? Snippet, IReadOnlyList<MatchExplanation> Matched) Build(
        string? title, string? body, MatchPlan plan, int snippetLength)
    {
        var titleSpans = title is null ? [] : FindSpans(title, TitleFields, plan);
        var bodySpans = body is null ? [] : FindSpans(body, BodyFields, plan);
        var titleHtml = title is null ? null : Mark(title, titleSpans, 0, title.Length);
        string? snippet = null;
        if (body is not null)
        {
            var (start, end) = Window(body, bodySpans, snippetLength);
            var sb = new StringBuilder();
            if (start > 0) sb.Append('…');
            sb.Append(Mark(body, bodySpans, start, end));
            if (end < body.Length) sb.Append('…');
            snippet = sb.ToString();
        }

        var matched = new List<MatchExplanation>();
        var seen = new HashSet<(string, string, string)>();
        foreach (var (span, text) in titleSpans.Select(s => (s, title!)).Concat(bodySpans.Select(s => (s, body!))))
        {
            var written = text[span.Start..span.End];
            if (matched.Count < MaxExplanations && seen.Add((span.Source.QueryWord, written, span.Source.Layer)))
                matched.Add(new MatchExplanation(span.Source.QueryWord, written, span.Source.Layer, Math.Round(span.Source.Similarity, 3)));
        }
        return (titleHtml, snippet, matched);
    }

    /// <summary>The matched spans of <paramref name="text"/>, sorted, overlaps merged (the strongest layer kept).</summary>
    internal static List<MatchSpan> FindSpans(string text, IEnumerable<string> fields, MatchPlan plan)
    {
        var spans = new List<MatchSpan>();
        foreach (var field in fields)
        {
            if (plan.TermsOf(field) is not { } terms)
                continue;
            var analyzed = text.Length > MaxAnalyzedChars ? text[..MaxAnalyzedChars] : text;
            // The name field's tokens as indexing makes them (the same tokens as its pipeline, NameIndexingTests), in about
            // half the pipeline's time: a name typed in the search box puts name terms in the plan, and this analysis was
            // most of such a page's snippets.
            using var ts = field == Schema.Name
                ? NameIndexing.NameStream(NameIndexing.Analyze(analyzed), analyzed.Length, int.MaxValue)
                : Schema.ForField(field).GetTokenStream(field, analyzed);
            var term = ts.AddAttribute<ICharTermAttribute>();
            var offset = ts.AddAttribute<IOffsetAttribute>();
            var increment = ts.AddAttribute<IPositionIncrementAttribute>();
            // The matched tokens with their positions, when the field has phrases to find.
            var phrases = plan.PhrasesOf(field);
            var positioned = phrases.Count > 0 ? new List<PositionedToken>() : null;
            int position = -1;
            ts.Reset();
            while (ts.IncrementToken())
            {
                position += increment.PositionIncrement;
                // A name token's span can begin at the space before its word (the word after a detached Abdel starts where
                // Abdel's article ends): the mark starts at the word.
                int start = offset.StartOffset;
                while (start < offset.EndOffset && start < text.Length && char.IsWhiteSpace(text[start]))
                    start++;
                if (terms.TryGetValue(term.Buffer.AsSpan(0, term.Length), out var source) && offset.EndOffset > start && offset.EndOffset <= text.Length)
                {
                    var span = new MatchSpan(start, offset.EndOffset, source);
                    if (!source.InPhrase)
                        spans.Add(span);
                    positioned?.Add(new PositionedToken(position, term.ToString(), span));
                }
            }
            ts.End();
            if (positioned is { Count: > 1 })
                AddPhraseWords(positioned, phrases, spans);
        }
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var merged = new List<MatchSpan>(spans.Count);
        foreach (var s in spans)
        {
            if (merged.Count > 0 && s.Start < merged[^1].End)
            {
                var last = merged[^1];
                var keep = Rank(s.Source.Layer) < Rank(last.Source.Layer) ? s.Source : last.Source;
                merged[^1] = new MatchSpan(last.Start, Math.Max(last.End, s.End), keep);
            }
            else
            {
                merged.Add(s);
            }
        }
        return merged;
    }

    private readonly record struct PositionedToken(int Position, string Term, MatchSpan Span);

    /// <summary>
    /// Adds to <paramref name="spans"/> the tokens of phrase words (<see cref="MatchSource.InPhrase"/>) that are part of
    /// an occurrence of one of <paramref name="phrases"/>: a token for every word, each at its offset from the first give or
    /// take, the displacements spread over at most the slop (as Lucene's sloppy phrases count it), no position used twice.
    /// </summary>
    private static void AddPhraseWords(List<PositionedToken> tokens, IReadOnlyList<PhraseMatch> phrases, List<MatchSpan> spans)
    {
        var marked = new bool[tokens.Count];
        var chosen = new List<int>();
        foreach (var phrase in phrases)
        {
            var words = phrase.Words;
            for (int a = 0; a < tokens.Count; a++)
            {
                if (!words[0].Terms.Contains(tokens[a].Term))
                    continue;
                chosen.Clear();
                chosen.Add(a);
                int at = tokens[a].Position - words[0].Offset;
                if (Extend(1, at, at))
                    foreach (int k in chosen)
                        marked[k] = true;
            }

            // Finds a token for word k and the words after it, the displacements (position − offset) so far within [low, high].
            bool Extend(int k, int low, int high)
            {
                if (k == words.Count)
                    return true;
                var word = words[k];
                int from = low + word.Offset - phrase.Slop + (high - low), to = high + word.Offset + phrase.Slop - (high - low);
                for (int b = FirstAt(tokens, from); b < tokens.Count && tokens[b].Position <= to; b++)
                {
                    if (!word.Terms.Contains(tokens[b].Term) || chosen.Exists(c => tokens[c].Position == tokens[b].Position))
                        continue;
                    int displacement = tokens[b].Position - word.Offset;
                    chosen.Add(b);
                    if (Extend(k + 1, Math.Min(low, displacement), Math.Max(high, displacement)))
                        return true;
                    chosen.RemoveAt(chosen.Count - 1);
                }
                return false;
            }
        }
        for (int k = 0; k < tokens.Count; k++)
            if (marked[k] && tokens[k].Span.Source.InPhrase)
                spans.Add(tokens[k].Span);
    }

    // The first of the tokens (in position order) at or after position.
    private static int FirstAt(List<PositionedToken> tokens, int position)
    {
        int lo = 0, hi = tokens.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (tokens[mid].Position < position)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    private static int Rank(string layer) => layer switch
    {
        "exact" => 0,
        "stem" or PrefixQueries.Layer => 1,
        "folded" => 2,
        "transliterated" => 3,
        "variant" => 4,
        _ => 5,
    };

    // The window of about `length` characters with the most distinct query words, starting a little
    // before its first match and on word boundaries.
    private static (int Start, int End) Window(string text, List<MatchSpan> spans, int length)
    {
        length = Math.Max(40, length);
        if (text.Length <= length)
            return (0, text.Length);
        int bestStart = 0, bestScore = -1;
        for (int i = 0; i < spans.Count; i++)
        {
            var words = new HashSet<string>();
            int matches = 0;
            for (int j = i; j < spans.Count && spans[j].End <= spans[i].Start + length; j++)
            {
                words.Add(spans[j].Source.QueryWord);
                matches++;
            }
            int score = words.Count * 100 + matches;
            if (score > bestScore)
            {
                bestScore = score;
                bestStart = spans[i].Start;
            }
        }
        int start = bestScore < 0 ? 0 : Math.Max(0, bestStart - length / 5);
        if (start > 0)
        {
            int space = text.LastIndexOfAny([' ', '\n'], start);
            start = space < 0 || start - space > 30 ? start : space + 1;
        }
        int end = Math.Min(text.Length, start + length);
        if (end < text.Length)
        {
            int space = text.LastIndexOfAny([' ', '\n'], end);
            if (space > start + length / 2)
                end = space;
        }
        return (start, end);
    }

    private static string Mark(string text, List<MatchSpan> spans, int start, int end)
    {
        var sb = new StringBuilder(end - start + 32);
        int at = start;
        foreach (var s in spans)
        {
            if (s.End <= start || s.Start >= end)
                continue;
            int from = Math.Max(s.Start, start), to = Math.Min(s.End, end);
            if (from < at)
                continue;
            Html.AppendEscaped(sb, text.AsSpan(at, from - at));
            sb.Append("<mark>");
            Html.AppendEscaped(sb, text.AsSpan(from, to - from));
            sb.Append("</mark>");
            at = to;
        }
        Html.AppendEscaped(sb, text.AsSpan(at, end - at));
        return sb.ToString();
    }
}
