using System.Net;
using System.Text;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Security;

/// <summary>Limits at their edges: code-unit caps, byte-level UTF-8, body size and query parameters.</summary>
public sealed class InputLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int MaxBodyBytes = 64 * 1024;

    private readonly MicroblogClient _api = fixture.Api;

    [Fact]
    public async Task PostBodyCapsCodeUnits()
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create("units"));
        var marked = string.Concat(Enumerable.Repeat("a" + new string('\u0301', 60), 500));
        var families = string.Concat(Enumerable.Repeat("👩‍👩‍👧‍👦", 500));

        // Raw JSON, because a serializer escapes each combining mark as six bytes.
        var rejected = await _api.InvokeAsync("add-post", $$"""{"token": "{{token}}", "body": "{{marked}}"}""", "application/json");
        var accepted = await _api.AddPostAsync(token, families);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
        Assert.Equal("body", rejected.Field);
        Assert.Contains("500 characters", rejected.Error, StringComparison.Ordinal);
        Assert.Contains("8000 UTF-16 code units", rejected.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, accepted.Status);
    }

    [Fact]
    public async Task NameCapsCodeUnits()
    {
        var name = string.Concat(Enumerable.Repeat("a" + new string('\u0301', 20), 50));

        var response = await _api.RegisterAsync(TestUser.Create("nameunits") with { FirstName = name });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("first_name", response.Field);
        Assert.Contains("1000 UTF-16 code units", response.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ada\u200d@example.test")]
    [InlineData("ada@exam\u200cple.test")]
    [InlineData("ada\U000E0061@example.test")]
    [InlineData("\u2060ada@example.test")]
    public async Task EmailWithFormatCharacterIsRejected(string email)
    {
        var response = await _api.RegisterAsync(TestUser.Create("fmt") with { Email = email });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("email", response.Field);
    }

    [Fact]
    public async Task SubdivisionFlagIsAllowedInPost()
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create("flag"));

        var response = await _api.AddPostAsync(token, "Scotland \U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F");

        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public async Task InvalidUtf8IsNamedPerField(byte[] bad)
    {
        var json = Encoding.ASCII.GetBytes("{\"username\": \"ab").Concat(bad).Concat("c\", \"password\": \"x\"}"u8.ToArray()).ToArray();
        var request = new HttpRequestMessage(HttpMethod.Post, "function/login") { Content = new ByteArrayContent(json) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        var response = await _api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("username", response.Field);
        Assert.Equal("username contains invalid UTF-8.", response.Error);
    }

    [Fact]
    public async Task QuotedCharsetIsAccepted()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "function/list-posts")
        {
            Content = new ByteArrayContent("{\"limit\": 1}"u8.ToArray()),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=\"utf-8\"");

        var response = await _api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BodyOf64KiBIsAccepted(bool chunked)
    {
        var atLimit = await _api.SendAsync(ListPostsRequest(MaxBodyBytes, chunked));
        var overLimit = await _api.SendAsync(ListPostsRequest(MaxBodyBytes + 1, chunked));

        Assert.Equal(HttpStatusCode.OK, atLimit.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overLimit.Status);
        Assert.Contains("65536 bytes", overLimit.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("offset=2147483648", "offset", "from 0 to 2147483647")]
    [InlineData("offset=-1", "offset", "from 0 to 2147483647")]
    [InlineData("limit=100000000000", "limit", "from 1 to 100")]
    [InlineData("before=9223372036854775808", "before", "from 1 to 9223372036854775807")]
    [InlineData("limit=1&limit=2", "limit", "limit is given more than once")]
    [InlineData("username=a_b&username=c_d", "username", "username is given more than once")]
    public async Task QueryNumberErrorsNameTheRange(string query, string field, string expected)
    {
        var response = await _api.GetAsync($"function/list-posts?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(field, response.Field);
        Assert.Contains(expected, response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadListsPostsWithoutBody()
    {
        var get = await _api.Http.GetAsync("function/list-posts?limit=1");
        var head = await _api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "function/list-posts?limit=1"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A list-posts request of exactly the given size: a JSON object padded with spaces.</summary>
    private static HttpRequestMessage ListPostsRequest(int size, bool chunked)
    {
        var json = "{\"limit\": 1}"u8.ToArray();
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)' ');
        json.CopyTo(bytes, 0);
        var request = new HttpRequestMessage(HttpMethod.Post, "function/list-posts")
        {
            Content = chunked ? new StreamContent(new UnknownLengthStream(bytes)) : new ByteArrayContent(bytes),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TransferEncodingChunked = chunked;
        return request;
    }

    /// <summary>A stream of unknown length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
