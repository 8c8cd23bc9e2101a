using System.Net;
using Microblog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Microblog.Tests.Security;

/// <summary>
/// SQL and script payloads in every field are stored and returned verbatim, and change nothing
/// but the row they belong to.
/// </summary>
public sealed class InjectionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    // Tests of one class run one at a time, so the row counts change only by what a test does.
    private readonly MicroblogServer _server = fixture.Server;

    public static readonly TheoryData<string> Payloads = new()
    {
        "'; DROP TABLE posts; --",
        "Robert'); DROP TABLE users;--",
        "' OR '1'='1",
        "\" OR \"\"=\"",
        "1; DELETE FROM users WHERE 1=1",
        "' UNION SELECT password, email FROM users --",
        "\\'; SELECT sqlite_version(); --",
        "<script>alert('xss')</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg/onload=alert(1)>",
        "javascript:alert(document.cookie)",
        "{{7*7}} ${7*7} <%= 7*7 %> #{7*7}",
        "%27%20OR%201=1--",
        "$username_key",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task PayloadIsStoredVerbatimAndChangesNothingElse(string payload)
    {
        var server = _server;
        var api = fixture.Api;
        var bystander = TestUser.Create("bystander");
        var bystanderToken = await api.RegisterAndLoginAsync(bystander);
        await api.AddPostAsync(bystanderToken, "an ordinary post");
        var before = await SnapshotAsync(server);

        var user = TestUser.Create("inject") with
        {
            Password = "pw " + payload,
            FirstName = payload,
            LastName = payload,
            Email = $"x'--{Guid.NewGuid():N}@example.test",
        };
        Assert.Equal(HttpStatusCode.Created, (await api.RegisterAsync(user)).Status);
        var token = await api.LoginAsync(user);
        var posted = await api.AddPostAsync(token, payload);
        var listed = await api.GetAsync($"function/list-posts?username={user.Username}");
        var claims = TestTokens.DecodeSegment(token, 1)["user"]!;

        Assert.Equal(HttpStatusCode.Created, posted.Status);
        Assert.Equal(payload, posted.Text("body"));
        Assert.Equal(payload, listed.Body!["posts"]![0]!["body"]!.GetValue<string>());
        Assert.Equal(payload, claims["first_name"]!.GetValue<string>());
        Assert.Equal(payload, claims["last_name"]!.GetValue<string>());
        Assert.Equal(user.Email, claims["email"]!.GetValue<string>());

        var after = await SnapshotAsync(server);
        Assert.Equal(before.Schema, after.Schema);
        Assert.Equal(before.Users + 1, after.Users);
        Assert.Equal(before.Posts + 1, after.Posts);
        var bystanderPosts = await api.GetAsync($"function/list-posts?username={bystander.Username}");
        Assert.Equal("an ordinary post", bystanderPosts.Body!["posts"]![0]!["body"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task PayloadInKeyFieldsIsRejectedCleanly(string payload)
    {
        var server = _server;
        var api = fixture.Api;
        var user = TestUser.Create("target");
        await api.RegisterAsync(user);
        var before = await SnapshotAsync(server);
        var query = Uri.EscapeDataString(payload);

        var register = await api.RegisterAsync(TestUser.Create("inject") with { Username = payload });
        var login = await api.InvokeAsync("login", new { username = payload, password = payload + "12345678" });
        var loginAsTarget = await api.InvokeAsync("login", new { username = user.Username, password = payload });
        var byUser = await api.GetAsync($"function/list-posts?username={query}");
        var byBefore = await api.GetAsync($"function/list-posts?before={query}");
        var byOffset = await api.GetAsync($"function/list-posts?offset={query}");

        Assert.Equal(HttpStatusCode.BadRequest, register.Status);
        Assert.Equal("username", register.Field);
        Assert.Equal(HttpStatusCode.Unauthorized, login.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, loginAsTarget.Status);
        Assert.Equal(HttpStatusCode.BadRequest, byUser.Status);
        Assert.Equal(HttpStatusCode.BadRequest, byBefore.Status);
        Assert.Equal(HttpStatusCode.BadRequest, byOffset.Status);
        var after = await SnapshotAsync(server);
        Assert.Equal(before, after);
    }

    private sealed record Snapshot(string Schema, long Users, long Posts);

    private static async Task<Snapshot> SnapshotAsync(MicroblogServer server)
    {
        await using var connection = new SqliteConnection(
            $"Data Source={Path.Combine(server.DataDirectory, "microblog.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        return new Snapshot(
            string.Join('\n', await ReadColumnAsync(connection, "SELECT sql FROM sqlite_master ORDER BY name;")),
            (long)(await ScalarAsync(connection, "SELECT COUNT(*) FROM users;"))!,
            (long)(await ScalarAsync(connection, "SELECT COUNT(*) FROM posts;"))!);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<List<string>> ReadColumnAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        }

        return values;
    }
}
