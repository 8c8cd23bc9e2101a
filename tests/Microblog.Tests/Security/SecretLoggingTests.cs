using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Security;

/// <summary>
/// Runs requests at all five functions, successes and errors, against a child process that
/// logs at every level, and searches all of its output for the secrets involved.
/// </summary>
public sealed class SecretLoggingTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("microblog-logs-").FullName;

    [Fact]
    public async Task LogsContainNoSecrets()
    {
        using var signingKey = RSA.Create(2048);
        var privatePem = signingKey.ExportPkcs8PrivateKeyPem();
        var privateSetting = Convert.ToBase64String(Encoding.ASCII.GetBytes(privatePem));
        var databasePassword = "db-" + Guid.NewGuid().ToString("N");
        var user = TestUser.Create("quiet") with { Password = "pw-" + Guid.NewGuid().ToString("N") };
        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");
        var rejectedPassword = "bad-" + Guid.NewGuid().ToString("N") + "\u0007" + new string('x', 130);
        var environment = new Dictionary<string, string>
        {
            ["private_key"] = privateSetting,
            ["mysql_password"] = databasePassword,
        };
        string[] arguments =
        [
            "--Logging:LogLevel:Default", "Trace",
            "--Logging:LogLevel:Microsoft", "Trace",
            "--Logging:LogLevel:Microsoft.AspNetCore", "Trace",
            "--Microblog:RateLimits:LoginPerAccountAndAddress:PermitLimit", "3",
        ];

        var tokens = new List<string>();
        string output;
        await using (var server = await MicroblogChildProcess.StartAsync(
            ["serve", "--data", _dataDirectory, .. arguments], environment, readyPath: "/healthz"))
        {
            var api = new MicroblogClient(server.Client);
            tokens.Add(await api.RegisterAndLoginAsync(user));
            await ExerciseAllFunctionsAsync(api, user, tokens[0], wrongPassword, rejectedPassword, tokens);
            await server.StopAsync();
            output = server.DescribeOutput();
        }

        Assert.Contains("listening on", output, StringComparison.Ordinal);
        Assert.Contains("\"LogLevel\":\"Trace\",\"Category\":\"Microsoft.AspNetCore", output, StringComparison.Ordinal);
        Assert.Contains("\"LogLevel\":\"Debug\",\"Category\":\"Microsoft.AspNetCore.Server.Kestrel", output, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Password, output, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, output, StringComparison.Ordinal);
        Assert.DoesNotContain(rejectedPassword[..30], output, StringComparison.Ordinal);
        Assert.DoesNotContain(databasePassword, output, StringComparison.Ordinal);
        Assert.DoesNotContain(privateSetting[..40], output, StringComparison.Ordinal);
        foreach (var line in PemBodyLines(privatePem))
        {
            Assert.DoesNotContain(line, output, StringComparison.Ordinal);
        }

        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token.Split('.')[2], output, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static async Task ExerciseAllFunctionsAsync(
        MicroblogClient api, TestUser user, string token, string wrongPassword, string rejectedPassword, List<string> tokens)
    {
        var tampered = token[..^4] + "AAAA";
        var other = TestUser.Create("other") with { Password = rejectedPassword };

        Assert.Equal(HttpStatusCode.BadRequest, (await api.RegisterAsync(other)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await api.RegisterAsync(user)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.InvokeAsync("register", $"{{\"password\": \"{user.Password}\",")).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.InvokeAsync("validate-jwt", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.InvokeAsync("validate-jwt", new { token })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.InvokeAsync("validate-jwt", tampered)).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.AddPostAsync(token, "a post")).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.AddPostWithBearerAsync(token, "another post")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.AddPostWithBearerAsync(tampered, "forged")).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"function/list-posts?username={user.Username}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.InvokeAsync("list-posts", new { username = user.Username })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.InvokeAsync("nothing", "{}")).Status);

        var header = new HttpRequestMessage(HttpMethod.Get, "function/validate-jwt");
        header.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(header)).Status);

        var login = await api.InvokeAsync("login", new { username = user.Username, password = user.Password });
        tokens.Add(login.Text("token"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await api.InvokeAsync("login", new { username = user.Username, password = wrongPassword })).Status);
        }

        Assert.Contains(HttpStatusCode.Unauthorized, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    private static IEnumerable<string> PemBodyLines(string pem) =>
        pem.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("-----", StringComparison.Ordinal) && line.Length >= 16);
}
