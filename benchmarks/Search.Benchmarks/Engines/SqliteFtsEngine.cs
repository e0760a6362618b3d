using System.Text;
using Microsoft.Data.Sqlite;
using Search.Benchmarks.Data;

namespace Search.Benchmarks.Engines;

/// <summary>
/// The embedded alternative a .NET user would pick: SQLite FTS5 through Microsoft.Data.Sqlite (bundled e_sqlite3),
/// one table <c>fts5(id UNINDEXED, title, body)</c> with the default unicode61 tokenizer, loaded in one transaction;
/// queries translated from Lucene syntax to FTS5 MATCH syntax, ranked by bm25, top 10 plus a count. With
/// <paramref name="metadata"/>, each document's date (<c>yyyyMMdd</c>) and source in two UNINDEXED columns too, for the
/// <see cref="QueryFeature"/>s as SQL: a <c>BETWEEN</c> on the date, <c>GROUP BY</c> counts, <c>ORDER BY date</c>,
/// <c>OFFSET</c>, <c>snippet()</c>. FTS5 has no fuzzy query: <c>word~1</c> is the vocabulary's terms within one edit of the
/// word (an <c>fts5vocab</c> table scanned with a C# function, the 50 most frequent, as Lucene's fuzzy query keeps at most
/// 50), ORed.
/// </summary>
public sealed class SqliteFtsEngine(string folder, bool metadata = false) : IBenchEngine
{
    private readonly string file = Path.Combine(folder, "fts.db");
    private ThreadLocal<Reader>? readers;

    public string Name => Engines.Sqlite;

    public string Description => $"SQLite {Version()} FTS5 (Microsoft.Data.Sqlite, e_sqlite3), unicode61 tokenizer, bm25";

    public void Build(IEnumerable<NewsDocument> documents, int threads)
    {
        using var conn = Open(readOnly: false);
        Exec(conn, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Exec(conn, metadata
            ? "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, date UNINDEXED, source UNINDEXED)"
            : "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body)");
        using var tx = conn.BeginTransaction();
        using var insert = conn.CreateCommand();
        insert.CommandText = metadata
            ? "INSERT INTO docs(id, title, body, date, source) VALUES ($id, $title, $body, $date, $source)"
            : "INSERT INTO docs(id, title, body) VALUES ($id, $title, $body)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var date = metadata ? insert.Parameters.Add("$date", SqliteType.Integer) : null;
        var source = metadata ? insert.Parameters.Add("$source", SqliteType.Text) : null;
        insert.Prepare();
        // FTS5 has no unique key: ids are assumed unique, as they are in the corpus (checked by the document count).
        foreach (var d in documents)
        {
            id.Value = d.Id;
            title.Value = (object?)d.Title ?? DBNull.Value;
            body.Value = (object?)d.Body ?? DBNull.Value;
            if (date is not null && source is not null)
            {
                date.Value = (object?)FeatureFilter.Day(d.Date) ?? DBNull.Value;
                source.Value = string.IsNullOrWhiteSpace(d.Source) ? DBNull.Value : d.Source.Trim();
            }
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        Exec(conn, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    public void OpenForSearch()
    {
        Dispose();
        readers = new ThreadLocal<Reader>(() => new Reader(Open(readOnly: true)), trackAllValues: true);
    }

    public long DocumentCount
    {
        get
        {
            using var cmd = Readers.Value!.Connection.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM docs";
            return (long)cmd.ExecuteScalar()!;
        }
    }

    public long IndexBytes => BenchData.FolderBytes(folder);

    public long Run(BenchQuery query, bool searchBox = false, QueryFeature feature = QueryFeature.None)
    {
        var r = Readers.Value!;
        var match = Fuzzy.IsMatch(query.Text) ? r.WithinOneEdit(query.Text[..^2]) : Fts5Query.Translate(query.Text);
        if (match is null)
            return 0; // no term of the vocabulary is within one edit
        const string Where = "FROM docs WHERE docs MATCH $q";
        string dated = $"{Where} AND date BETWEEN {FeatureFilter.Day(FeatureFilter.From)} AND {FeatureFilter.Day(FeatureFilter.To)}";
        var (top, count) = feature switch
        {
            QueryFeature.Filtered => ($"SELECT id, title {dated} ORDER BY rank LIMIT 10", $"SELECT count(*) {dated}"),
            QueryFeature.SortByDate => ($"SELECT id, title {Where} ORDER BY date DESC LIMIT 10", $"SELECT count(*) {Where}"),
            QueryFeature.DeepPage => ($"SELECT id, title {Where} ORDER BY rank LIMIT 10 OFFSET 90", $"SELECT count(*) {Where}"),
            QueryFeature.Snippets => ($"SELECT id, title, snippet(docs, 2, '<b>', '</b>', '…', 40) {Where} ORDER BY rank LIMIT 10", $"SELECT count(*) {Where}"),
            QueryFeature.None or QueryFeature.Facets => ($"SELECT id, title {Where} ORDER BY rank LIMIT 10", $"SELECT count(*) {Where}"),
            _ => throw new ArgumentOutOfRangeException(nameof(feature)),
        };
        Read(r.Prepared(top), match, feature == QueryFeature.Snippets ? 3 : 2);
        var counter = r.Prepared(count);
        counter.Parameters["$q"].Value = match;
        long total = (long)counter.ExecuteScalar()!;
        if (feature == QueryFeature.Facets)
        {
            int values = Read(r.Prepared($"SELECT source, count(*) AS n {Where} AND source IS NOT NULL GROUP BY source ORDER BY n DESC LIMIT 10"), match, 2)
                + Read(r.Prepared($"SELECT date / 10000 AS y, count(*) AS n {Where} AND date IS NOT NULL GROUP BY y ORDER BY n DESC LIMIT 10"), match, 2);
            if (total > 0 && values == 0)
                throw new InvalidOperationException($"sqlite: no facet counts for '{query.Text}'.");
        }
        return total;
    }

    private static readonly System.Text.RegularExpressions.Regex Fuzzy = new(@"^\p{L}+~1$");

    // Runs the command and reads every column of every row, as a result list would; returns the rows.
    private static int Read(SqliteCommand command, string match, int columns)
    {
        command.Parameters["$q"].Value = match;
        int rows = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows++;
            for (int c = 0; c < columns; c++)
                _ = reader.IsDBNull(c) ? null : reader.GetValue(c);
        }
        return rows;
    }

    public void Dispose()
    {
        if (readers is not null)
        {
            foreach (var r in readers.Values)
                r.Dispose();
            readers.Dispose();
            readers = null;
        }
    }

    /// <summary>Whether the bundled SQLite has FTS5.</summary>
    public static bool HasFts5()
    {
        using var conn = new SqliteConnection("Data Source=:memory:");
        conn.Open();
        try
        {
            Exec(conn, "CREATE VIRTUAL TABLE t USING fts5(title, body)");
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public static string Version()
    {
        using var conn = new SqliteConnection("Data Source=:memory:");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT sqlite_version()";
        return (string)cmd.ExecuteScalar()!;
    }

    private ThreadLocal<Reader> Readers => readers ?? throw new InvalidOperationException("Not open.");

    private SqliteConnection Open(bool readOnly)
    {
        var conn = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        conn.Open();
        return conn;
    }

    private static void Exec(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>One connection with its prepared statements (a connection is used by one thread at a time).</summary>
    private sealed class Reader : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);
        private SqliteCommand? vocabulary;

        public Reader(SqliteConnection connection) => Connection = connection;

        public SqliteConnection Connection { get; }

        /// <summary>The statement of <paramref name="sql"/> (with a <c>$q</c> parameter), prepared once.</summary>
        public SqliteCommand Prepared(string sql)
        {
            if (prepared.TryGetValue(sql, out var command))
                return command;
            command = Connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add("$q", SqliteType.Text);
            command.Prepare();
            return prepared[sql] = command;
        }

        /// <summary>The MATCH expression of the vocabulary's terms within one edit of <paramref name="word"/> (at most 50, the most frequent), or null when there is none.</summary>
        public string? WithinOneEdit(string word)
        {
            if (vocabulary is null)
            {
                // A temporary table over the index's terms: the connection is read-only, its temporary schema is not.
                Exec(Connection, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, docs, row)");
                Connection.CreateFunction("within_one_edit", (string term, string w) => Edits.WithinOne(term, w), isDeterministic: true);
                vocabulary = Connection.CreateCommand();
                vocabulary.CommandText = "SELECT term FROM temp.vocab WHERE length(term) BETWEEN length($w) - 1 AND length($w) + 1 " +
                    "AND within_one_edit(term, $w) ORDER BY doc DESC, term LIMIT 50";
                vocabulary.Parameters.Add("$w", SqliteType.Text);
                vocabulary.Prepare();
            }
            vocabulary.Parameters["$w"].Value = word.ToLowerInvariant();
            var terms = new List<string>();
            using (var rows = vocabulary.ExecuteReader())
                while (rows.Read())
                    terms.Add("\"" + rows.GetString(0).Replace("\"", "\"\"") + "\"");
            return terms.Count == 0 ? null : string.Join(" OR ", terms);
        }

        public void Dispose()
        {
            foreach (var c in prepared.Values)
                c.Dispose();
            vocabulary?.Dispose();
            Connection.Dispose();
        }
    }
}

/// <summary>Edit distance for the FTS5 engine's fuzzy terms, as Lucene's fuzzy query counts it (a swap of two neighbours is one edit).</summary>
internal static class Edits
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are at most one insertion, deletion, substitution or swap of neighbours apart.</summary>
    public static bool WithinOne(string a, string b)
    {
        if (a.Length < b.Length)
            (a, b) = (b, a);
        if (a.Length - b.Length > 1)
            return false;
        int i = 0;
        while (i < b.Length && a[i] == b[i])
            i++;
        if (i == b.Length)
            return true; // equal, or one letter added at the end
        if (a.Length != b.Length)
            return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)); // one letter added at i
        if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1)))
            return true; // one letter changed at i
        return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)); // a swap
    }
}

/// <summary>
/// Translates the Lucene classic syntax of the query set to FTS5 MATCH syntax: every word and phrase becomes an FTS5
/// string (<c>"word"</c>, so non-ASCII and keywords are safe), <c>word*</c> a prefix <c>"word"*</c>, <c>AND</c>/<c>OR</c>
/// /<c>NOT</c> and parentheses stay (FTS5 has the same precedence: NOT, AND, OR), <c>-word</c> becomes <c>NOT "word"</c>,
/// <c>title:word</c> a column filter <c>title : "word"</c>. Boosts, fuzzy and ranges have no FTS5 form and are rejected.
/// </summary>
public static class Fts5Query
{
    public static string Translate(string lucene)
    {
        var sb = new StringBuilder();
        int i = 0;
        while (i < lucene.Length)
        {
            char c = lucene[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '(' or ')') { Append(sb, c.ToString()); i++; continue; }
            if (c is '-' or '!') { Append(sb, "NOT"); i++; continue; }
            if (c == '+') { i++; continue; }
            if (c == '"')
            {
                int close = lucene.IndexOf('"', i + 1);
                if (close < 0)
                    throw new FormatException($"Unclosed quote in '{lucene}'.");
                Append(sb, Quote(lucene[(i + 1)..close]));
                i = close + 1;
                continue;
            }
            int start = i;
            while (i < lucene.Length && !char.IsWhiteSpace(lucene[i]) && lucene[i] is not ('(' or ')' or '"'))
                i++;
            var word = lucene[start..i];
            if (word is "AND" or "OR" or "NOT")
            {
                Append(sb, word);
                continue;
            }
            if (word is "&&") { Append(sb, "AND"); continue; }
            if (word is "||") { Append(sb, "OR"); continue; }
            int colon = word.IndexOf(':');
            string? column = null;
            if (colon > 0)
            {
                column = word[..colon];
                word = word[(colon + 1)..];
                if (word.Length == 0 && i < lucene.Length && lucene[i] == '"')
                {
                    int close = lucene.IndexOf('"', i + 1);
                    Append(sb, $"{column} : {Quote(lucene[(i + 1)..close])}");
                    i = close + 1;
                    continue;
                }
            }
            if (word.IndexOfAny(['~', '^', '[', ']', '{', '}', '?']) >= 0 || word.IndexOf('*') is >= 0 and var star && star != word.Length - 1)
                throw new FormatException($"'{word}' has no FTS5 form (fuzzy, boost, range or inner wildcard).");
            var term = word.EndsWith('*') ? Quote(word[..^1]) + "*" : Quote(word);
            Append(sb, column is null ? term : $"{column} : {term}");
        }
        return sb.ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    private static void Append(StringBuilder sb, string part)
    {
        if (sb.Length > 0 && sb[^1] != '(' && part != ")")
            sb.Append(' ');
        sb.Append(part);
    }
}
