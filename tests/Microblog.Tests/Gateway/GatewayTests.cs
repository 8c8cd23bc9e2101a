using System.Net;
using System.Text;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Gateway;

public sealed class GatewayTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MicroblogClient _api = fixture.Api;

    [Fact]
    public async Task UnknownFunctionIsNotFound()
    {
        var response = await _api.InvokeAsync("delete-everything", "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Contains("delete-everything", response.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("register", "GET")]
    [InlineData("login", "PUT")]
    [InlineData("add-post", "DELETE")]
    [InlineData("list-posts", "PATCH")]
    public async Task WrongMethodIsNotAllowed(string function, string method)
    {
        var response = await _api.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"function/{function}"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.NotEmpty(response.Message.Content.Headers.Allow);
        Assert.Contains(method, response.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain; charset=utf-16")]
    public async Task NonJsonMediaTypeIsUnsupported(string mediaType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "function/register")
        {
            Content = new ByteArrayContent("{}"u8.ToArray()),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);

        var response = await _api.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.NotNull(response.Error);
    }

    [Fact]
    public async Task BodyWithoutContentTypeIsReadAsJson()
    {
        var user = TestUser.Create("bare");
        var request = new HttpRequestMessage(HttpMethod.Post, "function/register")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(user.Registration))),
        };

        var response = await _api.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    [Fact]
    public async Task OversizedBodyIsTooLarge()
    {
        var response = await _api.InvokeAsync("register", $$"""{"username": "{{new string('a', 70_000)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Contains("65536", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedChunkedBodyIsTooLarge()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "function/add-post")
        {
            Content = new StreamContent(new ChunkedStream(Encoding.UTF8.GetBytes(new string('x', 200_000)))),
        };
        request.Headers.TransferEncodingChunked = true;

        var response = await _api.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
    }

    [Fact]
    public async Task ChunkedBodyWithoutLengthIsRead()
    {
        var user = TestUser.Create("chunk");
        var bytes = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(user.Registration));
        var request = new HttpRequestMessage(HttpMethod.Post, "function/register")
        {
            Content = new StreamContent(new ChunkedStream(bytes)),
        };
        request.Headers.TransferEncodingChunked = true;

        var response = await _api.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    [Theory]
    [InlineData("register", "{bad json")]
    [InlineData("login", "[1, 2]")]
    [InlineData("add-post", "\"just a string\"")]
    [InlineData("register", "")]
    public async Task MalformedBodyIsBadRequest(string function, string body)
    {
        var response = await _api.InvokeAsync(function, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotNull(response.Error);
        Assert.Equal(response.Error, response.Body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeepNestingIsRejected()
    {
        var body = "{\"x\":" + string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)) + "}";

        var response = await _api.InvokeAsync("register", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("nested", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubPathReachesFunction()
    {
        var response = await _api.GetAsync("function/list-posts/anything/below");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.NotNull(response.Body!["posts"]);
    }

    [Fact]
    public async Task SystemFunctionsListsAllFive()
    {
        await _api.GetAsync("function/list-posts");

        var response = await _api.GetAsync("system/functions");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var functions = response.Body!.AsArray();
        var names = functions.Select(f => f!["name"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(["add-post", "list-posts", "login", "register", "validate-jwt"], names);
        var listPosts = functions.Single(f => f!["name"]!.GetValue<string>() == "list-posts")!;
        Assert.True(listPosts["invocationCount"]!.GetValue<double>() >= 1);
        Assert.Equal(1, listPosts["replicas"]!.GetValue<int>());
        Assert.Equal(1, listPosts["availableReplicas"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(listPosts["image"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SystemFunctionDescribesOne()
    {
        var found = await _api.GetAsync("system/function/login");
        var missing = await _api.GetAsync("system/function/nothing");

        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Equal("login", found.Text("name"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task HealthzAnswersWhenDatabaseDoes()
    {
        var response = await _api.Http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPathGetsProblemBody()
    {
        var response = await _api.GetAsync("nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.NotNull(response.Error);
    }

    /// <summary>A stream of unknown length, so HttpClient sends it chunked in small pieces.</summary>
    private sealed class ChunkedStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1000));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}
