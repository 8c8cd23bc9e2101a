using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CsCheck;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Security;

/// <summary>
/// Random and malformed requests at all five functions: never a 5xx, never a hang (each
/// request times out after 10 seconds), always JSON, and a problem body for every 4xx.
/// Iterations are bounded so that the class runs in seconds.
/// </summary>
public sealed class HostileInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _http = HostileInput.CreateClient(fixture.Server.BaseAddress);

    [Fact]
    public async Task RandomJsonNeverFailsTheServer()
    {
        var token = await fixture.Api.RegisterAndLoginAsync(TestUser.Create("fuzz"));
        var requests = Gen.Select(
            Gen.OneOf(HostileInput.Functions),
            Gen.OneOf(HostileInput.ContentTypes),
            HostileInput.Json,
            Gen.Bool);

        await requests.SampleAsync(async (function, contentType, json, withBearer) =>
        {
            using var request = Post(function, Encoding.UTF8.GetBytes(json), contentType);
            if (withBearer)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await _http.SendAsync(request);
            await HostileInput.AssertWellFormedAsync(response, $"{function} ({contentType}) {json}");
        }, iter: 400, threads: 2);
    }

    [Fact]
    public async Task RandomBytesNeverFailTheServer()
    {
        var requests = Gen.Select(
            Gen.OneOf(HostileInput.Functions), Gen.OneOf(HostileInput.ContentTypes), HostileInput.RandomBytes);

        await requests.SampleAsync(async (function, contentType, bytes) =>
        {
            using var request = Post(function, bytes, contentType);
            using var response = await _http.SendAsync(request);
            await HostileInput.AssertWellFormedAsync(response, $"{function} ({contentType}) {Convert.ToHexString(bytes)}");
        }, iter: 300, threads: 2);
    }

    [Fact]
    public async Task RandomQueryNeverFailsListPosts()
    {
        var queries = Gen.Select(
            Gen.OneOf(HostileInput.FieldNames), HostileInput.OddString, Gen.OneOf("username", "offset", "limit", "before"), HostileInput.OddString);

        await queries.SampleAsync(async (name1, value1, name2, value2) =>
        {
            var query = $"{Uri.EscapeDataString(name1)}={Escape(value1)}&{name2}={Escape(value2)}";
            using var response = await _http.GetAsync($"function/list-posts?{query}");
            await HostileInput.AssertWellFormedAsync(response, $"list-posts?{query}");
        }, iter: 200, threads: 2);
    }

    [Fact]
    public async Task UnicodeOdditiesInEveryFieldAreHandled()
    {
        var user = TestUser.Create("odd");
        var token = await fixture.Api.RegisterAndLoginAsync(user);
        var valid = new Dictionary<string, Dictionary<string, string>>
        {
            ["register"] = new()
            {
                ["username"] = "odd_unused", ["password"] = "correct horse battery",
                ["email"] = "odd_unused@example.test", ["first_name"] = "Ada", ["last_name"] = "Lovelace",
            },
            ["login"] = new() { ["username"] = user.Username, ["password"] = "wrong password" },
            ["validate-jwt"] = new() { ["token"] = token },
            ["add-post"] = new() { ["token"] = token, ["body"] = "hello" },
            ["list-posts"] = new() { ["username"] = user.Username },
        };

        foreach (var (function, fields) in valid)
        {
            foreach (var field in fields.Keys)
            {
                foreach (var oddity in HostileInput.UnicodeOddities)
                {
                    var members = fields.Select(f => $"{HostileInput.Quote(f.Key)}:{HostileInput.Quote(f.Key == field ? oddity : f.Value)}");
                    var json = "{" + string.Join(",", members) + "}";

                    using var request = Post(function, Encoding.UTF8.GetBytes(json), "application/json");
                    using var response = await _http.SendAsync(request);

                    await HostileInput.AssertWellFormedAsync(response, $"{function} {json}");
                }
            }
        }
    }

    [Theory]
    [InlineData("register")]
    [InlineData("login")]
    [InlineData("validate-jwt")]
    [InlineData("add-post")]
    [InlineData("list-posts")]
    public async Task OversizedBodyGets413(string function)
    {
        var body = Encoding.UTF8.GetBytes("{\"body\":\"" + new string('a', 64 * 1024) + "\"}");

        using var declared = Post(function, body, "application/json");
        using var declaredResponse = await _http.SendAsync(declared);
        using var chunked = new HttpRequestMessage(HttpMethod.Post, $"function/{function}")
        {
            // Just over the limit: the server returns 413 and closes the connection, and a much
            // larger body would still be on its way, which breaks the pipe under the client.
            Content = new StreamContent(new MemoryStream(new byte[(64 * 1024) + 2048])),
        };
        chunked.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await _http.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declaredResponse.StatusCode);
        await HostileInput.AssertWellFormedAsync(declaredResponse, function);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedResponse.StatusCode);
        await HostileInput.AssertWellFormedAsync(chunkedResponse, function);
    }

    [Theory]
    [InlineData("register")]
    [InlineData("login")]
    [InlineData("validate-jwt")]
    [InlineData("add-post")]
    [InlineData("list-posts")]
    public async Task DeeplyNestedBodyGets400(string function)
    {
        var arrays = new string('[', 30_000) + new string(']', 30_000);
        var objects = string.Concat(Enumerable.Repeat("{\"body\":", 17)) + "1" + new string('}', 17);

        foreach (var json in new[] { arrays, objects, "{\"token\":" + arrays + "}" })
        {
            using var request = Post(function, Encoding.UTF8.GetBytes(json), "application/json");
            using var response = await _http.SendAsync(request);

            // validate-jwt takes a body that is not a JSON object as a raw token.
            var expected = function == "validate-jwt" && json[0] == '['
                ? HttpStatusCode.Unauthorized
                : HttpStatusCode.BadRequest;
            Assert.Equal(expected, response.StatusCode);
            await HostileInput.AssertWellFormedAsync(response, function);
        }
    }

    [Fact]
    public async Task ByteOrderMarkBeforeJsonIsAccepted()
    {
        var user = TestUser.Create("bom");
        var json = System.Text.Json.JsonSerializer.Serialize(user.Registration);
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)];

        using var request = Post("register", body, "application/json");
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ByteOrderMarkBeforeRawTokenIsAccepted()
    {
        var token = await fixture.Api.RegisterAndLoginAsync(TestUser.Create("bomjwt"));
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(token)];

        using var request = Post("validate-jwt", body, "text/plain");
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpRequestMessage Post(string function, byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return new HttpRequestMessage(HttpMethod.Post, $"function/{function}") { Content = content };
    }

    // Uri.EscapeDataString rejects lone surrogates, which a hostile client can still send as
    // the percent-encoded bytes of their CESU-8 form.
    private static string Escape(string value)
    {
        var bytes = new List<byte>();
        foreach (var c in value)
        {
            if (char.IsSurrogate(c))
            {
                bytes.AddRange([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return string.Concat(bytes.Select(b => $"%{b:X2}"));
    }
}
