using System.Net;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Functions;

public abstract class LoginTests(ServerFixture fixture)
{
    private readonly MicroblogClient _api = fixture.Api;

    [Fact]
    public async Task LoginReturnsTokenAndExpiry()
    {
        var user = TestUser.Create();
        await _api.RegisterAsync(user);

        var response = await _api.InvokeAsync("login", new { username = user.Username, password = user.Password });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(user.Username, response.Text("username"));
        var expiresAt = DateTimeOffset.Parse(response.Text("expires_at"), System.Globalization.CultureInfo.InvariantCulture);
        var exp = TestTokens.DecodeSegment(response.Text("token"), 1)["exp"]!.GetValue<long>();
        Assert.Equal(exp, expiresAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task UsernameMatchesRegardlessOfCase()
    {
        var user = TestUser.Create("mixed");
        await _api.RegisterAsync(user);

        var response = await _api.InvokeAsync("login", new { username = user.Username.ToUpperInvariant(), password = user.Password });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(user.Username, response.Text("username"));
    }

    [Theory]
    [InlineData("Crème brûlée at noon", "Cre\u0300me bru\u0302le\u0301e at noon")]
    [InlineData("\ufb01ve \uff21pples and pears", "five Apples and pears")]
    public async Task PasswordMatchesAnyEquivalentSpelling(string registered, string typed)
    {
        var user = TestUser.Create("unicode") with { Password = registered };
        await _api.RegisterAsync(user);

        var response = await _api.InvokeAsync("login", new { username = user.Username, password = typed });
        var different = await _api.InvokeAsync("login", new { username = user.Username, password = typed + "!" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, different.Status);
    }

    [Fact]
    public async Task UnknownUserAndWrongPasswordLookTheSame()
    {
        var user = TestUser.Create();
        await _api.RegisterAsync(user);

        var wrongPassword = await _api.InvokeAsync("login", new { username = user.Username, password = "not the password" });
        var unknownUser = await _api.InvokeAsync("login", new { username = "nobody_" + user.Username[..10], password = "not the password" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.Status);
        Assert.Equal("Invalid username/password", wrongPassword.Error);
        Assert.Equal(wrongPassword.Error, unknownUser.Error);
    }

    [Theory]
    [InlineData("""{"password": "whatever123"}""", "username")]
    [InlineData("""{"username": "someone"}""", "password")]
    [InlineData("""{"username": 12, "password": "whatever123"}""", "username")]
    [InlineData("""{"username": "a", "password": "b", "password": "c"}""", "password")]
    public async Task MissingOrWrongFieldIsNamed(string body, string field)
    {
        var response = await _api.InvokeAsync("login", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(field, response.Field);
    }
}
