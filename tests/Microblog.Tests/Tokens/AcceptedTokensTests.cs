using Microblog.Tokens;

namespace Microblog.Tests.Tokens;

public sealed class AcceptedTokensTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(10);
    private static readonly TokenValidation Accepted = TokenValidation.Valid("{}"u8.ToArray(), "quill");

    [Fact]
    public void AcceptedTokenIsFoundWithinLifetime()
    {
        var cache = new AcceptedTokens();
        cache.Add("token", Accepted, Now.AddMinutes(-1), Now.AddHours(1));

        Assert.True(cache.TryGet("token", Now, Skew, out var validation));
        Assert.Same(Accepted, validation);
    }

    [Fact]
    public void ExpiredTokenIsNotServedFromCache()
    {
        var cache = new AcceptedTokens();
        cache.Add("token", Accepted, Now.AddHours(-5), Now.AddHours(-1));

        Assert.False(cache.TryGet("token", Now, Skew, out _));
        Assert.False(cache.TryGet("token", Now.AddHours(-2), Skew, out _));
    }

    [Fact]
    public void TokenBeforeNotBeforeIsNotServed()
    {
        var cache = new AcceptedTokens();
        cache.Add("token", Accepted, Now.AddMinutes(5), Now.AddHours(4));

        Assert.False(cache.TryGet("token", Now, Skew, out _));
    }

    [Fact]
    public void UnknownTokenIsNotFound()
    {
        var cache = new AcceptedTokens();
        cache.Add("token", Accepted, Now.AddMinutes(-1), Now.AddHours(1));

        Assert.False(cache.TryGet("other", Now, Skew, out _));
    }
}
