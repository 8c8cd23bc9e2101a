using System.Net;
using System.Text.Json.Nodes;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Functions;

public abstract class PostTests(ServerFixture fixture)
{
    private readonly MicroblogClient _api = fixture.Api;

    [Fact]
    public async Task AddPostWithBearerHeaderStoresPost()
    {
        var user = TestUser.Create();
        var token = await _api.RegisterAndLoginAsync(user);

        var response = await _api.AddPostWithBearerAsync(token, "Posted with a header");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(user.Username, response.Text("username"));
        Assert.Equal("Posted with a header", response.Text("body"));
        Assert.True(response.Body!["id"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task AuthorComesFromTokenNotBody()
    {
        var user = TestUser.Create();
        var token = await _api.RegisterAndLoginAsync(user);

        var response = await _api.InvokeAsync("add-post", new { token, body = "mine", username = "someone_else" });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(user.Username, response.Text("username"));
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("   \n ", "must not be empty")]
    [InlineData("bell\u0007", "control characters")]
    public async Task InvalidBodyIsNamed(string body, string expected)
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create());

        var response = await _api.AddPostAsync(token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("body", response.Field);
        Assert.Contains(expected, response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyLimitCountsTextElements()
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create());
        var family = "👩‍👩‍👧‍👦";
        var exactly500 = string.Concat(Enumerable.Repeat(family, 500));

        var accepted = await _api.AddPostAsync(token, exactly500);
        var rejected = await _api.AddPostAsync(token, exactly500 + "x");

        Assert.Equal(HttpStatusCode.Created, accepted.Status);
        Assert.Equal(exactly500, accepted.Text("body"));
        Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
        Assert.Contains("it has 501", rejected.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingBodyFieldIsNamed()
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create());

        var response = await _api.InvokeAsync("add-post", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("body", response.Field);
    }

    [Fact]
    public async Task MissingTokenIsUnauthorized()
    {
        var response = await _api.InvokeAsync("add-post", new { body = "hello" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("token", response.Field);
        Assert.NotEmpty(response.Message.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task ListPostsDefaultsToNewestHundred()
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create());
        for (var i = 0; i < 105; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await _api.AddPostAsync(token, $"post {i}")).Status);
        }

        var response = await _api.GetAsync("function/list-posts");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var posts = response.Body!["posts"]!.AsArray();
        Assert.Equal(100, posts.Count);
        var ids = posts.Select(p => p!["id"]!.GetValue<long>()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(ids[^1], response.Body["next"]!.GetValue<long>());
    }

    [Fact]
    public async Task BeforeCursorPagesWithoutGapsOrRepeats()
    {
        var user = TestUser.Create("pager");
        var token = await _api.RegisterAndLoginAsync(user);
        var created = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await _api.AddPostAsync(token, $"page post {i}")).Body!["id"]!.GetValue<long>());
        }

        var seen = new List<long>();
        long? before = null;
        do
        {
            var query = $"function/list-posts?username={user.Username}&limit=3" + (before is null ? "" : $"&before={before}");
            var page = await _api.GetAsync(query);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Body!["posts"]!.AsArray().Select(p => p!["id"]!.GetValue<long>()));
            before = page.Body["next"]?.GetValue<long>();
        }
        while (before is not null);

        created.Reverse();
        Assert.Equal(created, seen);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("before=0", "before")]
    [InlineData("username=no%20spaces", "username")]
    public async Task InvalidListParameterIsNamed(string query, string field)
    {
        var response = await _api.GetAsync($"function/list-posts?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(field, response.Field);
    }

    [Fact]
    public async Task InvalidListParameterInBodyIsNamed()
    {
        var response = await _api.InvokeAsync("list-posts", """{"limit": "many"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("limit", response.Field);
    }

    [Fact]
    public async Task UnknownUserListIsNotFound()
    {
        var response = await _api.InvokeAsync("list-posts", new { username = "no_such_user_here" });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("username", response.Field);
    }

    [Fact]
    public async Task UserWithoutPostsListsEmpty()
    {
        var user = TestUser.Create("quiet");
        await _api.RegisterAsync(user);

        var response = await _api.InvokeAsync("list-posts", new { username = user.Username });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(response.Body!["posts"]!.AsArray());
        Assert.Null(response.Body["next"]);
    }

    [Fact]
    public async Task PostTextRoundTripsUnchanged()
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create());
        const string Text = "<script>alert('x')</script> '; DROP TABLE posts; -- 日本語 🎉\ttab\nline";

        var created = await _api.AddPostAsync(token, Text);
        var listed = await _api.InvokeAsync("list-posts", new { limit = 1 });

        Assert.Equal(Text, created.Text("body"));
        Assert.Equal(Text, listed.Body!["posts"]![0]!["body"]!.GetValue<string>());
        Assert.Contains("日本語", listed.Body.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostIsNormalizedToNfc()
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create());

        var created = await _api.AddPostAsync(token, "cafe\u0301");

        Assert.Equal("caf\u00e9", created.Text("body"));
        Assert.True(JsonNode.DeepEquals(JsonValue.Create("caf\u00e9"), created.Body!["body"]));
    }
}
