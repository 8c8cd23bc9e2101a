using System.Net;
using System.Text;
using System.Text.Json;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Security;

/// <summary>
/// Each test starts its own server with small limits. Client addresses other than loopback are
/// sent as X-Forwarded-For, which the server believes only when loopback is a trusted proxy.
/// </summary>
public sealed class ThrottlingTests
{
    private const string TrustLoopback = "--Microblog:TrustedProxies";

    [Fact]
    public async Task FailedLoginBeyondLimitGets429()
    {
        await using var server = await MicroblogServer.StartAsync(
            Limit("LoginPerAccountAndAddress", 3, "00:01:00"));
        var api = new MicroblogClient(server.Client);
        var user = TestUser.Create("guess");
        await api.RegisterAsync(user);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(api, user.Username, "wrong password")).Status);
        }

        var throttled = await LoginAsync(api, user.Username, "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal("application/problem+json", throttled.Message.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, throttled.Body!["status"]!.GetValue<int>());
        Assert.Contains("Too many login attempts", throttled.Error, StringComparison.Ordinal);
        var retryAfter = throttled.Message.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);

        // At most the 60 s window plus the limiter's 100 ms replenishment tick, rounded up.
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task OwnerLogsInAgainAfterRetryAfter()
    {
        await using var server = await MicroblogServer.StartAsync(
            Limit("LoginPerAccountAndAddress", 2, "00:00:03"));
        var api = new MicroblogClient(server.Client);
        var user = TestUser.Create("owner");
        await api.RegisterAsync(user);
        await LoginAsync(api, user.Username, "wrong password");
        await LoginAsync(api, user.Username, "wrong password");

        var locked = await LoginAsync(api, user.Username, user.Password);
        await Task.Delay(locked.Message.Headers.RetryAfter!.Delta!.Value);
        var unlocked = await LoginAsync(api, user.Username, user.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.Status);
        Assert.Equal(HttpStatusCode.OK, unlocked.Status);
    }

    [Fact]
    public async Task OwnerFromOtherAddressIsNotLockedOut()
    {
        await using var server = await MicroblogServer.StartAsync(
            [TrustLoopback, "127.0.0.1", .. Limit("LoginPerAccountAndAddress", 3, "00:15:00")]);
        var api = new MicroblogClient(server.Client);
        var user = TestUser.Create("victim");
        await api.RegisterAsync(user);

        for (var i = 0; i < 3; i++)
        {
            await LoginAsync(api, user.Username, "wrong password", from: "203.0.113.7");
        }

        var attacker = await LoginAsync(api, user.Username, "wrong password", from: "203.0.113.7");
        var owner = await LoginAsync(api, user.Username, user.Password, from: "198.51.100.20");

        Assert.Equal(HttpStatusCode.TooManyRequests, attacker.Status);
        Assert.Equal(HttpStatusCode.OK, owner.Status);
    }

    [Fact]
    public async Task AccountLimitSpansAddresses()
    {
        await using var server = await MicroblogServer.StartAsync(
            [TrustLoopback, "127.0.0.1", .. Limit("LoginPerAccount", 4, "00:15:00")]);
        var api = new MicroblogClient(server.Client);
        var user = TestUser.Create("spread");
        await api.RegisterAsync(user);

        for (var i = 0; i < 4; i++)
        {
            var attempt = await LoginAsync(api, user.Username, "wrong password", from: $"203.0.113.{i + 1}");
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.Status);
        }

        var fifth = await LoginAsync(api, user.Username, "wrong password", from: "203.0.113.99");

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.Status);
        Assert.Contains("for this account", fifth.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddressLimitSpansAccounts()
    {
        await using var server = await MicroblogServer.StartAsync(Limit("LoginPerAddress", 3, "00:15:00"));
        var api = new MicroblogClient(server.Client);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(api, $"spray_{i}", "wrong password")).Status);
        }

        var fourth = await LoginAsync(api, "spray_4", "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.Status);
        Assert.Contains("from your address", fourth.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAccountIsThrottledLikeKnownOne()
    {
        await using var server = await MicroblogServer.StartAsync(
            Limit("LoginPerAccountAndAddress", 2, "00:15:00"));
        var api = new MicroblogClient(server.Client);
        var user = TestUser.Create("known");
        await api.RegisterAsync(user);

        var known = new List<HttpStatusCode>();
        var unknown = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            known.Add((await LoginAsync(api, user.Username, "wrong password")).Status);
            unknown.Add((await LoginAsync(api, "nobody_by_that_name", "wrong password")).Status);
        }

        Assert.Equal(known, unknown);
        Assert.Equal(HttpStatusCode.TooManyRequests, known[^1]);
    }

    [Fact]
    public async Task ForwardedForIsIgnoredWithoutTrustedProxy()
    {
        await using var server = await MicroblogServer.StartAsync(
            Limit("LoginPerAccountAndAddress", 2, "00:15:00"));
        var api = new MicroblogClient(server.Client);

        await LoginAsync(api, "spoofer", "wrong password", from: "203.0.113.1");
        await LoginAsync(api, "spoofer", "wrong password", from: "203.0.113.2");
        var third = await LoginAsync(api, "spoofer", "wrong password", from: "203.0.113.3");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
    }

    [Fact]
    public async Task ForwardedForIsIgnoredFromUntrustedPeer()
    {
        await using var server = await MicroblogServer.StartAsync(
            [TrustLoopback, "10.0.0.0/8", .. Limit("LoginPerAccountAndAddress", 2, "00:15:00")]);
        var api = new MicroblogClient(server.Client);

        await LoginAsync(api, "spoofer", "wrong password", from: "203.0.113.1");
        await LoginAsync(api, "spoofer", "wrong password", from: "203.0.113.2");
        var third = await LoginAsync(api, "spoofer", "wrong password", from: "203.0.113.3");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
    }

    [Fact]
    public async Task ForwardedForCountsFromTrustedProxy()
    {
        await using var server = await MicroblogServer.StartAsync(
            [TrustLoopback, "127.0.0.1", .. Limit("LoginPerAccountAndAddress", 2, "00:15:00")]);
        var api = new MicroblogClient(server.Client);

        await LoginAsync(api, "traveller", "wrong password", from: "203.0.113.1");
        await LoginAsync(api, "traveller", "wrong password", from: "203.0.113.1");
        var sameClient = await LoginAsync(api, "traveller", "wrong password", from: "203.0.113.1");
        var spoofedLeft = await LoginAsync(api, "traveller", "wrong password", from: "198.51.100.9, 203.0.113.1");
        var otherClient = await LoginAsync(api, "traveller", "wrong password", from: "203.0.113.2");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameClient.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofedLeft.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, otherClient.Status);
    }

    [Fact]
    public async Task SignUpsPerAddressAreLimited()
    {
        await using var server = await MicroblogServer.StartAsync(
            [TrustLoopback, "127.0.0.1", .. Limit("RegisterPerAddress", 2, "01:00:00")]);
        var api = new MicroblogClient(server.Client);

        var first = await RegisterAsync(api, TestUser.Create("flood"), from: "203.0.113.5");
        var second = await RegisterAsync(api, TestUser.Create("flood"), from: "203.0.113.5");
        var third = await RegisterAsync(api, TestUser.Create("flood"), from: "203.0.113.5");
        var elsewhere = await RegisterAsync(api, TestUser.Create("calm"), from: "198.51.100.5");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Contains("sign-ups", third.Error, StringComparison.Ordinal);
        Assert.NotNull(third.Message.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, elsewhere.Status);
    }

    [Fact]
    public async Task PostsPerAccountAreLimited()
    {
        await using var server = await MicroblogServer.StartAsync(Limit("PostPerAccount", 3, "03:00:00"));
        var api = new MicroblogClient(server.Client);
        var chatty = await api.RegisterAndLoginAsync(TestUser.Create("chatty"));
        var quiet = await api.RegisterAndLoginAsync(TestUser.Create("quiet"));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await api.AddPostAsync(chatty, $"post {i}")).Status);
        }

        var fourth = await api.AddPostWithBearerAsync(chatty, "one too many");
        var other = await api.AddPostAsync(quiet, "my first post");

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.Status);
        Assert.Contains("posts", fourth.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, other.Status);
        var listed = await api.GetAsync("function/list-posts");
        Assert.DoesNotContain(listed.Body!["posts"]!.AsArray(), p => p!["body"]!.GetValue<string>() == "one too many");
    }

    [Fact]
    public async Task DefaultLoginLimitIsTen()
    {
        await using var server = await MicroblogServer.StartAsync();
        var api = new MicroblogClient(server.Client);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await LoginAsync(api, "default_limits", "wrong password")).Status);
        }

        Assert.All(statuses[..10], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Theory]
    [InlineData("--Microblog:RateLimits:LoginPerAccount:PermitLimit", "-1", "PermitLimit")]
    [InlineData("--Microblog:RateLimits:LoginPerAccount:Window", "00:00:00", "Window")]
    [InlineData("--Microblog:TrustedProxies", "gateway.local", "TrustedProxies")]
    public async Task InvalidSettingStopsStartup(string setting, string value, string expected)
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => MicroblogServer.StartAsync(setting, value));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    private static string[] Limit(string name, int permits, string window) =>
    [
        $"--Microblog:RateLimits:{name}:PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        $"--Microblog:RateLimits:{name}:Window", window,
    ];

    private static Task<ApiResponse> LoginAsync(MicroblogClient api, string username, string password, string? from = null) =>
        SendAsync(api, "login", new { username, password }, from);

    private static Task<ApiResponse> RegisterAsync(MicroblogClient api, TestUser user, string from) =>
        SendAsync(api, "register", user.Registration, from);

    private static Task<ApiResponse> SendAsync(MicroblogClient api, string function, object body, string? from)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"function/{function}")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (from is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", from);
        }

        return api.SendAsync(request);
    }
}
