using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microblog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Microblog.Tests.Storage;

public sealed class PersistenceTests
{
    [Fact]
    public async Task RestartKeepsUsersPostsAndKeys()
    {
        await using var server = await MicroblogServer.StartAsync();
        var api = new MicroblogClient(server.Client);
        var user = TestUser.Create("durable");
        var token = await api.RegisterAndLoginAsync(user);
        var post = await api.AddPostAsync(token, "still here after restart");
        var keysBefore = (await api.GetAsync(".well-known/jwks.json")).Body!.ToJsonString();

        await server.RestartAsync();
        api = new MicroblogClient(server.Client);

        var keysAfter = (await api.GetAsync(".well-known/jwks.json")).Body!.ToJsonString();
        Assert.Equal(keysBefore, keysAfter);
        Assert.Equal(HttpStatusCode.OK, (await api.InvokeAsync("validate-jwt", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.InvokeAsync("login", new { username = user.Username, password = user.Password })).Status);
        var listed = await api.InvokeAsync("list-posts", new { username = user.Username });
        Assert.Equal(post.Body!["id"]!.GetValue<long>(), listed.Body!["posts"]![0]!["id"]!.GetValue<long>());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PrivateKeyFileIsOwnerOnly()
    {
        await using var server = await MicroblogServer.StartAsync();

        var mode = File.GetUnixFileMode(Path.Combine(server.DataDirectory, "keys", "private-key.pem"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public async Task LegacySha256HashIsUpgradedOnLogin()
    {
        await using var server = await MicroblogServer.StartAsync();
        var api = new MicroblogClient(server.Client);
        var user = TestUser.Create("legacy");
        await api.RegisterAsync(user);
        const string LegacyPassword = "old deployment secret";
        var legacyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(LegacyPassword)));
        await SetPasswordColumnAsync(server, user.Username, legacyHash);

        var wrong = await api.InvokeAsync("login", new { username = user.Username, password = "not it" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(legacyHash, await ReadPasswordColumnAsync(server, user.Username));

        var first = await api.InvokeAsync("login", new { username = user.Username, password = LegacyPassword });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var upgraded = await ReadPasswordColumnAsync(server, user.Username);
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", upgraded, StringComparison.Ordinal);

        var second = await api.InvokeAsync("login", new { username = user.Username, password = LegacyPassword });
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(upgraded, await ReadPasswordColumnAsync(server, user.Username));
    }

    [Fact]
    public async Task PasswordsAreStoredAsSaltedArgon2id()
    {
        await using var server = await MicroblogServer.StartAsync();
        var api = new MicroblogClient(server.Client);
        var first = TestUser.Create("salt");
        var second = TestUser.Create("salt");
        await api.RegisterAsync(first);
        await api.RegisterAsync(second);

        var firstHash = await ReadPasswordColumnAsync(server, first.Username);
        var secondHash = await ReadPasswordColumnAsync(server, second.Username);

        Assert.StartsWith("$argon2id$", firstHash, StringComparison.Ordinal);
        Assert.NotEqual(firstHash, secondHash);
        Assert.DoesNotContain(first.Password, firstHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredKeysSignAndValidate()
    {
        using var signing = RSA.Create(2048);
        using var retired = RSA.Create(2048);
        var privateSetting = Convert.ToBase64String(Encoding.ASCII.GetBytes(signing.ExportPkcs8PrivateKeyPem()));
        var publicSetting = Convert.ToBase64String(Encoding.ASCII.GetBytes(retired.ExportSubjectPublicKeyInfoPem()));
        await using var server = await MicroblogServer.StartAsync("--private_key", privateSetting, "--public_key", publicSetting);
        var api = new MicroblogClient(server.Client);

        var token = await api.RegisterAndLoginAsync(TestUser.Create("keys"));
        var parts = token.Split('.');
        Assert.True(signing.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"),
            TestTokens.Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "keys", "private-key.pem")));

        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        var retiredToken = TestTokens.SignRs256(header, TestTokens.Payload("retired_user"), retired);
        Assert.Equal(HttpStatusCode.OK, (await api.InvokeAsync("validate-jwt", retiredToken)).Status);

        var jwks = await api.GetAsync(".well-known/jwks.json");
        Assert.Equal(2, jwks.Body!["keys"]!.AsArray().Count);
    }

    private static async Task SetPasswordColumnAsync(MicroblogServer server, string username, string value)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "microblog.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET password = $value WHERE username = $username;";
        command.Parameters.AddWithValue("$value", value);
        command.Parameters.AddWithValue("$username", username);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<string> ReadPasswordColumnAsync(MicroblogServer server, string username)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "microblog.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT password FROM users WHERE username = $username;";
        command.Parameters.AddWithValue("$username", username);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
