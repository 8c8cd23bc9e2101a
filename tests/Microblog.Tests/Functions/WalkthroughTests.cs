using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Functions;

/// <summary>The sequence that earlier deployments of this API documented, as faas-cli sends it.</summary>
public abstract class WalkthroughTests(ServerFixture fixture)
{
    private readonly MicroblogClient _api = fixture.Api;

    [Fact]
    public async Task DocumentedWalkthroughWorksEndToEnd()
    {
        const string Register = """{"username": "quill", "password": "TestPassword", "email": "quill@example.test", "first_name": "Ada", "last_name": "Quill"}""";

        var created = await _api.InvokeAsync("register", Register);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("quill", created.Text("username"));
        Assert.Equal("created", created.Text("status"));

        var again = await _api.InvokeAsync("register", Register);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("Username or E-Mail already in use", again.Error);

        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var login = await _api.InvokeAsync("login", """{"username": "quill", "password": "TestPassword"}""");
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal("quill", login.Text("username"));
        var token = login.Text("token");

        var header = TestTokens.DecodeSegment(token, 0);
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        var payload = TestTokens.DecodeSegment(token, 1);
        var iat = payload["iat"]!.GetValue<long>();
        Assert.InRange(iat, before - 11, before - 9 + 2);
        Assert.Equal(iat, payload["nbf"]!.GetValue<long>());
        Assert.Equal(iat + 10 + (4 * 3600), payload["exp"]!.GetValue<long>());
        var user = payload["user"]!;
        Assert.Equal("quill@example.test", user["email"]!.GetValue<string>());
        Assert.Equal("Ada", user["first_name"]!.GetValue<string>());
        Assert.Equal("Quill", user["last_name"]!.GetValue<string>());
        Assert.Equal("quill", user["username"]!.GetValue<string>());

        var wrong = await _api.InvokeAsync("login", """{"username": "quill", "password": "WrongPassword"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("Invalid username/password", wrong.Error);

        var rawBody = await _api.InvokeAsync("validate-jwt", token);
        Assert.Equal(HttpStatusCode.OK, rawBody.Status);
        Assert.True(JsonNode.DeepEquals(payload, rawBody.Body));

        var jsonBody = await _api.InvokeAsync("validate-jwt", new { token });
        Assert.Equal(HttpStatusCode.OK, jsonBody.Status);
        Assert.True(JsonNode.DeepEquals(payload, jsonBody.Body));

        var bearerRequest = new HttpRequestMessage(HttpMethod.Post, "function/validate-jwt");
        bearerRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var bearer = await _api.SendAsync(bearerRequest);
        Assert.Equal(HttpStatusCode.OK, bearer.Status);
        Assert.True(JsonNode.DeepEquals(payload, bearer.Body));

        var post = await _api.InvokeAsync("add-post", $$"""{"token": "{{token}}", "body": "Hello from quill"}""");
        Assert.Equal(HttpStatusCode.Created, post.Status);
        Assert.Equal("quill", post.Text("username"));
        Assert.Equal("Hello from quill", post.Text("body"));
        var postId = post.Body!["id"]!.GetValue<long>();

        var other = TestUser.Create("other");
        var otherToken = await _api.RegisterAndLoginAsync(other);
        Assert.Equal(HttpStatusCode.Created, (await _api.AddPostAsync(otherToken, "Someone else")).Status);
        Assert.Equal(HttpStatusCode.Created, (await _api.AddPostAsync(token, "Second from quill")).Status);

        var all = await _api.InvokeAsync("list-posts", "{}");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        var allPosts = all.Body!["posts"]!.AsArray();
        Assert.Equal("Second from quill", allPosts[0]!["body"]!.GetValue<string>());
        Assert.Contains(allPosts, p => p!["id"]!.GetValue<long>() == postId);

        var mine = await _api.InvokeAsync("list-posts", """{"username": "quill", "offset": 0}""");
        Assert.Equal(HttpStatusCode.OK, mine.Status);
        var minePosts = mine.Body!["posts"]!.AsArray();
        Assert.Equal(2, minePosts.Count);
        Assert.All(minePosts, p => Assert.Equal("quill", p!["username"]!.GetValue<string>()));

        var paged = await _api.InvokeAsync("list-posts", """{"username": "quill", "offset": 1, "limit": 1}""");
        var pagedPosts = paged.Body!["posts"]!.AsArray();
        Assert.Single(pagedPosts);
        Assert.Equal(postId, pagedPosts[0]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task FaasCliNamespaceSuffixReachesFunction()
    {
        var user = TestUser.Create("ns");
        var response = await _api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "function/register.openfaas-fn")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(user.Registration), Encoding.UTF8, "text/plain"),
        });

        Assert.Equal(HttpStatusCode.Created, response.Status);
    }
}
