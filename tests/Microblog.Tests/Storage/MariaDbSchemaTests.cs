using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microblog.Posts;
using Microblog.Storage.Migrations;
using Microblog.Storage.MySql;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Storage;

/// <summary>What only the MySQL store has: its query plans and the adoption of a legacy table.</summary>
[RequiresMariaDb]
public sealed class MariaDbSchemaTests : IAsyncLifetime
{
    private TestDatabase? _database;

    private TestDatabase Database => _database ?? throw new InvalidOperationException(MariaDb.SkipReason);

    public async Task InitializeAsync() => _database = await MariaDb.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task ListQueriesScanNoTableFully()
    {
        await using (var database = new MySqlDatabase(Database.ConnectionString))
        {
            await database.MigrateAsync(CancellationToken.None);
        }

        await Database.ExecuteAsync("""
            INSERT INTO users (username, username_key, password, email, email_key, first_name, last_name, created_at)
            WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
            SELECT CONCAT('user', i), CONCAT('user', i), 'hash', CONCAT('user', i, '@example.test'),
                   CONCAT('user', i, '@example.test'), 'First', 'Last', 0
            FROM n;
            INSERT INTO posts (user_id, body, created_at)
            WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 900)
            SELECT 1 + i % 200, CONCAT('post ', i), 0 FROM n;
            ANALYZE TABLE users, posts;
            """);

        var shapes = new[]
        {
            new PostQuery(null, 0, 100, null),
            new PostQuery(null, 0, 100, 500),
            new PostQuery("user7", 0, 100, null),
            new PostQuery("user7", 0, 100, 500),
        };
        foreach (var query in shapes)
        {
            var plan = await ExplainAsync(query);

            Assert.All(plan, row => Assert.True(row.Type != "ALL",
                $"EXPLAIN shows a full scan of {row.Table} for {query}: key {row.Key}, {row.Extra}"));
            Assert.All(plan, row => Assert.False(row.Extra.Contains("filesort", StringComparison.Ordinal),
                $"EXPLAIN shows a sort of {row.Table} for {query}: {row.Extra}"));
        }
    }

    [Fact]
    public async Task LegacyUsersTableIsAdopted()
    {
        await CreateLegacyTableAsync();
        var legacyHash = Sha256Hex("ruby era secret");
        await Database.ExecuteAsync($"""
            INSERT INTO users (username, password, email, first_name, last_name) VALUES
                ('Alice', '{legacyHash}', 'Alice@Example.test', 'Alice', NULL),
                ('bob', '{Sha256Hex("bobs secret")}', 'bob@example.test', 'Bob', 'Builder');
            """);

        await using var server = await MicroblogServer.StartAsync("--MICROBLOG_DATABASE", Database.ConnectionString);
        var api = new MicroblogClient(server.Client);

        var login = await api.InvokeAsync("login", new { username = "alice", password = "ruby era secret" });
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal("Alice", login.Text("username"));
        var upgraded = (string)(await Database.ScalarAsync("SELECT password FROM users WHERE username = 'Alice';"))!;
        Assert.StartsWith("$argon2id$", upgraded, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK,
            (await api.InvokeAsync("login", new { username = "Alice", password = "ruby era secret" })).Status);

        var sameUsername = TestUser.Create() with { Username = "ALICE" };
        Assert.Equal(HttpStatusCode.Conflict, (await api.RegisterAsync(sameUsername)).Status);
        var sameEmail = TestUser.Create() with { Email = "BOB@example.test" };
        Assert.Equal(HttpStatusCode.Conflict, (await api.RegisterAsync(sameEmail)).Status);
        var newcomer = TestUser.Create("newcomer");
        Assert.Equal(HttpStatusCode.Created, (await api.RegisterAsync(newcomer)).Status);

        var post = await api.AddPostAsync(login.Text("token"), "Hello again 👋");
        Assert.Equal(HttpStatusCode.Created, post.Status);
        var listed = await api.GetAsync("function/list-posts?username=ALICE");
        Assert.Equal("Hello again 👋", listed.Body!["posts"]![0]!["body"]!.GetValue<string>());

        Assert.Equal("Builder", await Database.ScalarAsync("SELECT last_name FROM users WHERE username_key = 'bob';"));
        Assert.Equal(legacyHash.Length, ((string)(await Database.ScalarAsync(
            "SELECT password FROM users WHERE username = 'bob';"))!).Length);
        Assert.Equal(3L, Convert.ToInt64(await Database.ScalarAsync("SELECT COUNT(*) FROM users;"), null));
        Assert.Equal("InnoDB", await Database.ScalarAsync(
            "SELECT engine FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'users';"));
    }

    [Fact]
    public async Task LegacyCaseDuplicatesStopMigration()
    {
        await CreateLegacyTableAsync();
        await Database.ExecuteAsync($"""
            INSERT INTO users (username, password, email, first_name, last_name) VALUES
                ('Carol', '{Sha256Hex("a")}', 'carol@example.test', 'Carol', 'One'),
                ('dave', '{Sha256Hex("b")}', 'dave@example.test', 'Dave', 'Two'),
                ('carol', '{Sha256Hex("c")}', 'carol2@example.test', 'Carol', 'Three');
            """);
        await using var database = new MySqlDatabase(Database.ConnectionString);

        var failure = await Assert.ThrowsAsync<MigrationException>(() => database.MigrateAsync(CancellationToken.None));

        Assert.Contains("\"Carol\" and \"carol\"", failure.Message, StringComparison.Ordinal);
        Assert.Contains("username", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Convert.ToInt64(await Database.ScalarAsync("""
            SELECT COUNT(*) FROM information_schema.columns
            WHERE table_schema = DATABASE() AND table_name = 'users' AND column_name = 'username_key';
            """), null));
        Assert.Equal(3L, Convert.ToInt64(await Database.ScalarAsync("SELECT COUNT(*) FROM users;"), null));
        Assert.Equal(0L, Convert.ToInt64(await Database.ScalarAsync("SELECT COUNT(*) FROM schema_migrations;"), null));
    }

    /// <summary>Creates the table as the earlier Ruby deployment did: MyISAM, latin1, TEXT columns.</summary>
    private Task CreateLegacyTableAsync() => Database.ExecuteAsync("""
        CREATE TABLE users (
            id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
            username TEXT,
            password TEXT,
            email TEXT,
            first_name TEXT,
            last_name TEXT
        ) ENGINE = MyISAM DEFAULT CHARSET = latin1;
        """);

    private static string Sha256Hex(string password) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    private async Task<List<PlanRow>> ExplainAsync(PostQuery query)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN " + MySqlPostStore.BuildListSql(query);
        command.Parameters.AddWithValue("@limit", query.Limit);
        command.Parameters.AddWithValue("@offset", query.Offset);
        command.Parameters.AddWithValue("@username_key", query.Username ?? "");
        command.Parameters.AddWithValue("@before", query.Before ?? 0);

        var rows = new List<PlanRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new PlanRow(
                reader["table"]?.ToString() ?? "",
                reader["type"]?.ToString() ?? "",
                reader["key"]?.ToString() ?? "",
                reader["Extra"]?.ToString() ?? ""));
        }

        Assert.NotEmpty(rows);
        return rows;
    }

    private sealed record PlanRow(string Table, string Type, string Key, string Extra);
}
