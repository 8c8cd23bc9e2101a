using System.Net;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Functions;

public abstract class RegisterTests(ServerFixture fixture)
{
    private readonly MicroblogClient _api = fixture.Api;

    [Fact]
    public async Task RegisterCreatesUser()
    {
        var user = TestUser.Create();

        var response = await _api.RegisterAsync(user);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(user.Username, response.Text("username"));
        Assert.Equal("created", response.Text("status"));
        Assert.Equal("application/json", response.Message.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("username", null, "username is required")]
    [InlineData("username", "ab", "3 to 30")]
    [InlineData("username", "abcdefghijklmnopqrstuvwxyz12345", "3 to 30")]
    [InlineData("username", "bad name", "ASCII letters")]
    [InlineData("username", "ｑuill", "U+FF51")]
    [InlineData("username", "quіll", "U+0456")]
    [InlineData("password", null, "password is required")]
    [InlineData("password", "short", "at least 8")]
    [InlineData("password", "password123", "most commonly used")]
    [InlineData("email", null, "email is required")]
    [InlineData("email", "not-an-email", "not a valid e-mail")]
    [InlineData("email", "a b@example.test", "not a valid e-mail")]
    [InlineData("first_name", null, "first_name is required")]
    [InlineData("first_name", "Ada\u0007", "control characters")]
    [InlineData("last_name", "   ", "last_name is required")]
    public async Task InvalidFieldIsNamed(string field, string? value, string expected)
    {
        var user = TestUser.Create();
        var body = new Dictionary<string, string?>
        {
            ["username"] = user.Username,
            ["password"] = user.Password,
            ["email"] = user.Email,
            ["first_name"] = user.FirstName,
            ["last_name"] = user.LastName,
        };
        body[field] = value;

        var response = await _api.InvokeAsync("register", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(field, response.Field);
        Assert.Contains(expected, response.Error, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Message.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TooLongPasswordIsRejected()
    {
        var user = TestUser.Create() with { Password = new string('x', 129) };

        var response = await _api.RegisterAsync(user);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("password", response.Field);
        Assert.Contains("at most 128", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsernameDifferingOnlyInCaseConflicts()
    {
        var user = TestUser.Create("case");
        Assert.Equal(HttpStatusCode.Created, (await _api.RegisterAsync(user)).Status);

        var upper = user with { Username = user.Username.ToUpperInvariant(), Email = "other-" + user.Email };
        var response = await _api.RegisterAsync(upper);

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("Username or E-Mail already in use", response.Error);
    }

    [Fact]
    public async Task EmailDifferingOnlyInCaseConflicts()
    {
        var user = TestUser.Create("mail");
        Assert.Equal(HttpStatusCode.Created, (await _api.RegisterAsync(user)).Status);

        var other = TestUser.Create("mail") with { Email = user.Email.ToUpperInvariant() };
        var response = await _api.RegisterAsync(other);

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
    }

    [Fact]
    public async Task UnicodeNamesAreStored()
    {
        var user = TestUser.Create("uni") with { FirstName = "Zoë 🙂", LastName = "山田" };
        Assert.Equal(HttpStatusCode.Created, (await _api.RegisterAsync(user)).Status);

        var token = await _api.LoginAsync(user);
        var claims = TestTokens.DecodeSegment(token, 1)["user"]!;

        Assert.Equal("Zoë 🙂", claims["first_name"]!.GetValue<string>());
        Assert.Equal("山田", claims["last_name"]!.GetValue<string>());
    }
}
