using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Distributed;

/// <summary>
/// A client walks through the five functions, each in its own process, as OpenFaaS's gateway
/// forwards to them: every function at <c>/</c>.
/// </summary>
public sealed class FunctionProcessTests(FunctionProcessesFixture processes) : IClassFixture<FunctionProcessesFixture>
{
    [Theory]
    [MemberData(nameof(FunctionProcessesFixture.Stores), MemberType = typeof(FunctionProcessesFixture))]
    public async Task ClientFlowSpansFiveProcesses(string store)
    {
        var fixture = await processes.ForAsync(store);
        var user = TestUser.Create("spread");

        var registered = await PostAsync(fixture.Register, user.Registration);
        Assert.Equal(HttpStatusCode.Created, registered.Status);

        var login = await PostAsync(fixture.Login, new { username = user.Username, password = user.Password });
        Assert.Equal(HttpStatusCode.OK, login.Status);
        var token = login.Text("token");

        var validated = await PostTextAsync(fixture.ValidateJwt, token);
        Assert.Equal(HttpStatusCode.OK, validated.Status);
        Assert.Equal(user.Username, validated.Body!["user"]!["username"]!.GetValue<string>());

        var local = await PostAsync(fixture.AddPost, new { token, body = "validated in process" });
        Assert.Equal(HttpStatusCode.Created, local.Status);
        Assert.Equal(user.Username, local.Text("username"));

        var remote = await PostAsync(fixture.AddPostRemote, new { token, body = "validated by validate-jwt" });
        Assert.Equal(HttpStatusCode.Created, remote.Status);
        Assert.Equal(user.Username, remote.Text("username"));

        var listed = await SendAsync(fixture.ListPosts, new HttpRequestMessage(HttpMethod.Get, $"?username={user.Username}"));
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        var bodies = listed.Body!["posts"]!.AsArray().Select(p => p!["body"]!.GetValue<string>()).ToList();
        Assert.Equal(["validated by validate-jwt", "validated in process"], bodies);
    }

    [Theory]
    [MemberData(nameof(FunctionProcessesFixture.Stores), MemberType = typeof(FunctionProcessesFixture))]
    public async Task RemoteValidationRejectsForeignSignature(string store)
    {
        var fixture = await processes.ForAsync(store);
        using var foreignKey = RSA.Create(2048);
        var forged = TestTokens.SignRs256(
            new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" }, TestTokens.Payload("mallory"), foreignKey);

        var response = await PostAsync(fixture.AddPostRemote, new { token = forged, body = "forged" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Contains("signature", response.Error, StringComparison.Ordinal);
        Assert.Equal("token", response.Field);
    }

    [Theory]
    [MemberData(nameof(FunctionProcessesFixture.Stores), MemberType = typeof(FunctionProcessesFixture))]
    public async Task RemoteValidationUnreachableReturns503(string store)
    {
        var fixture = await processes.ForAsync(store);
        var user = TestUser.Create("orphan");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(fixture.Register, user.Registration)).Status);
        var token = (await PostAsync(fixture.Login, new { username = user.Username, password = user.Password })).Text("token");

        // Port 9 (discard) on loopback has no listener, so the connection is refused at once.
        await using var orphan = await fixture.StartFunctionAsync("add-post", new()
        {
            ["MICROBLOG_VALIDATE_JWT_URL"] = "http://127.0.0.1:9/function/validate-jwt",
        });
        var response = await PostAsync(orphan, new { token, body = "nobody checks this" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Contains("validate-jwt function failed", response.Error, StringComparison.Ordinal);
        Assert.Contains("could not be reached", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteValidationTimesOutAfterThreeSeconds()
    {
        var fixture = await processes.ForAsync(FunctionProcessSet.Sqlite);
        var user = TestUser.Create("stalled");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(fixture.Register, user.Registration)).Status);
        var token = (await PostAsync(fixture.Login, new { username = user.Username, password = user.Password })).Text("token");

        // A listener that accepts connections and never responds, like a hung validate-jwt.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var stalled = await fixture.StartFunctionAsync("add-post", new()
        {
            ["MICROBLOG_VALIDATE_JWT_URL"] = $"http://127.0.0.1:{port}/function/validate-jwt",
        });
        var started = Stopwatch.StartNew();
        var response = await PostAsync(stalled, new { token, body = "waiting" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Contains("did not respond within 3 s", response.Error, StringComparison.Ordinal);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [MemberData(nameof(FunctionProcessesFixture.Stores), MemberType = typeof(FunctionProcessesFixture))]
    public async Task ReplicasKeepEveryConcurrentPost(string store)
    {
        var fixture = await processes.ForAsync(store);
        const int PostCount = 40;
        var user = TestUser.Create("replica");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(fixture.Register, user.Registration)).Status);
        var token = (await PostAsync(fixture.Login, new { username = user.Username, password = user.Password })).Text("token");

        var posts = Enumerable.Range(0, PostCount).Select(i =>
            PostAsync(i % 2 == 0 ? fixture.AddPost : fixture.AddPostReplica, new { token, body = $"post {i}" }));
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var listed = await SendAsync(fixture.ListPosts, new HttpRequestMessage(HttpMethod.Get, $"?username={user.Username}"));
        var bodies = listed.Body!["posts"]!.AsArray().Select(p => p!["body"]!.GetValue<string>()).ToList();
        Assert.Equal(PostCount, bodies.Count);
        Assert.Equal(PostCount, bodies.Distinct().Count());
        var ids = responses.Select(r => r.Body!["id"]!.GetValue<long>()).ToList();
        Assert.Equal(PostCount, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(FunctionProcessesFixture.Stores), MemberType = typeof(FunctionProcessesFixture))]
    public async Task FunctionAnswersEverySubPath(string store)
    {
        var fixture = await processes.ForAsync(store);
        var root = await SendAsync(fixture.ListPosts, new HttpRequestMessage(HttpMethod.Get, "?limit=1"));
        var nested = await SendAsync(fixture.ListPosts, new HttpRequestMessage(HttpMethod.Post, "any/sub/path")
        {
            Content = new StringContent("""{"limit": 1}""", Encoding.UTF8, "text/plain"),
        });
        var wrongMethod = await SendAsync(fixture.Register, new HttpRequestMessage(HttpMethod.Get, "/"));

        Assert.Equal(HttpStatusCode.OK, root.Status);
        Assert.Equal(HttpStatusCode.OK, nested.Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Status);
        Assert.Equal("POST", wrongMethod.Message.Content.Headers.Allow.Single());
    }

    [Theory]
    [MemberData(nameof(FunctionProcessesFixture.Stores), MemberType = typeof(FunctionProcessesFixture))]
    public async Task MetricsUseGatewayNames(string store)
    {
        var fixture = await processes.ForAsync(store);
        var user = TestUser.Create("metric");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(fixture.Register, user.Registration)).Status);

        var metrics = await fixture.Register.Client.GetStringAsync("/metrics");

        Assert.Contains("# TYPE gateway_function_invocation_total counter", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_function_invocation_total{function_name=\"register\",code=\"201\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE gateway_functions_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_functions_seconds_count{function_name=\"register\",code=\"201\"}", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FunctionProcessesFixture.Stores), MemberType = typeof(FunctionProcessesFixture))]
    public async Task LogsOmitPasswordsAndTokens(string store)
    {
        var fixture = await processes.ForAsync(store);
        var user = TestUser.Create("quiet") with { Password = "unlogged passphrase 9f3e" };
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(fixture.Register, user.Registration)).Status);
        var login = await PostAsync(fixture.Login, new { username = user.Username, password = user.Password });
        var token = login.Text("token");
        var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent("""{"body": "logged?"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(fixture.AddPost, request)).Status);

        var requestLine = await fixture.AddPost.WaitForOutputAsync(l =>
            l.Contains("\"Category\":\"Microblog.Requests\"", StringComparison.Ordinal)
            && l.Contains("\"StatusCode\":201", StringComparison.Ordinal));
        var state = JsonNode.Parse(requestLine)!["State"]!;
        Assert.Equal("add-post", state["Function"]!.GetValue<string>());
        Assert.Equal("POST", state["Method"]!.GetValue<string>());
        Assert.True(state["DurationMs"]!.GetValue<double>() > 0);

        var lines = fixture.All.SelectMany(p => p.Output).ToList();
        Assert.DoesNotContain(lines, l => l.Contains(user.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token.Split('.')[2], StringComparison.Ordinal));
    }

    private static Task<ApiResponse> PostAsync(MicroblogChildProcess process, object body) =>
        SendAsync(process, new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        });

    private static Task<ApiResponse> PostTextAsync(MicroblogChildProcess process, string body) =>
        SendAsync(process, new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent(body, Encoding.UTF8, "text/plain"),
        });

    private static Task<ApiResponse> SendAsync(MicroblogChildProcess process, HttpRequestMessage request) =>
        new MicroblogClient(process.Client).SendAsync(request);
}
