using System.Text;
using Microsoft.Data.Sqlite;
using Search.Benchmarks.Data;

namespace Search.Benchmarks.Engines;

/// <summary>
/// The embedded alternative a .NET user would pick: SQLite FTS5 through Microsoft.Data.Sqlite (bundled e_sqlite3),
/// one table <c>fts5(id UNINDEXED, title, body)</c> with the default unicode61 tokenizer, loaded in one transaction;
/// queries translated from Lucene syntax to FTS5 MATCH syntax, ranked by bm25, top 10 plus a count.
/// </summary>
public sealed class SqliteFtsEngine(string folder) : IBenchEngine
{
    private readonly string file = Path.Combine(folder, "fts.db");
    private ThreadLocal<Reader>? readers;

    public string Name => Engines.Sqlite;

    public string Description => $"SQLite {Version()} FTS5 (Microsoft.Data.Sqlite, e_sqlite3), unicode61 tokenizer, bm25";

    public void Build(IEnumerable<NewsDocument> documents, int threads)
    {
        using var conn = Open(readOnly: false);
        Exec(conn, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Exec(conn, "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body)");
        using var tx = conn.BeginTransaction();
        using var insert = conn.CreateCommand();
        insert.CommandText = "INSERT INTO docs(id, title, body) VALUES ($id, $title, $body)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        insert.Prepare();
        // FTS5 has no unique key: ids are assumed unique, as they are in the corpus (checked by the document count).
        foreach (var d in documents)
        {
            id.Value = d.Id;
            title.Value = (object?)d.Title ?? DBNull.Value;
            body.Value = (object?)d.Body ?? DBNull.Value;
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

    public long Run(BenchQuery query, bool searchBox = false)
    {
        var r = Readers.Value!;
        var match = Fts5Query.Translate(query.Text);
        r.TopMatch.Value = match;
        using (var rows = r.Top.ExecuteReader())
            while (rows.Read())
                _ = (rows.GetString(0), rows.IsDBNull(1) ? null : rows.GetString(1));
        r.CountMatch.Value = match;
        return (long)r.Count.ExecuteScalar()!;
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

    /// <summary>One connection with its two prepared statements (a connection is used by one thread at a time).</summary>
    private sealed class Reader : IDisposable
    {
        public Reader(SqliteConnection connection)
        {
            Connection = connection;
            Top = connection.CreateCommand();
            Top.CommandText = "SELECT id, title FROM docs WHERE docs MATCH $q ORDER BY rank LIMIT 10";
            TopMatch = Top.Parameters.Add("$q", SqliteType.Text);
            Top.Prepare();
            Count = connection.CreateCommand();
            Count.CommandText = "SELECT count(*) FROM docs WHERE docs MATCH $q";
            CountMatch = Count.Parameters.Add("$q", SqliteType.Text);
            Count.Prepare();
        }

        public SqliteConnection Connection { get; }
        public SqliteCommand Top { get; }
        public SqliteParameter TopMatch { get; }
        public SqliteCommand Count { get; }
        public SqliteParameter CountMatch { get; }

        public void Dispose()
        {
            Top.Dispose();
            Count.Dispose();
            Connection.Dispose();
        }
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
