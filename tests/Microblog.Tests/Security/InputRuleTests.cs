using System.Net;
using Microblog.Accounts;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Security;

/// <summary>The documented input rules, each checked over real HTTP where a client meets it.</summary>
public sealed class InputRuleTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MicroblogClient _api = fixture.Api;

    [Fact]
    public void CommonPasswordListHasHundredsOfLongEntries()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("Microblog.Accounts.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var entries = reader.ReadToEnd().Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

        Assert.InRange(entries.Count, 300, 2000);
        Assert.All(entries, entry => Assert.True(entry.Length >= 8, $"'{entry}' is shorter than 8 characters"));
        Assert.Equal(entries.Count, entries.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("sunshine1")]
    [InlineData("QWERTYUIOP")]
    [InlineData("Password123")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44")]
    [InlineData("\uff51\uff57\uff45\uff52\uff54\uff59\uff11\uff12\uff13")]
    public async Task CommonPasswordIsRejected(string password)
    {
        var response = await _api.RegisterAsync(TestUser.Create("common") with { Password = password });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("password", response.Field);
        Assert.Contains("most commonly used", response.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ｑｕｉｌｌ", "U+FF51")]
    [InlineData("quіll", "U+0456")]
    [InlineData("quill\u200b", "U+200B")]
    [InlineData("quill\u0000", "U+0000")]
    [InlineData("qu\u0301ill", "U+0301")]
    public async Task LookAlikeUsernameIsRejected(string username, string codePoint)
    {
        var response = await _api.RegisterAsync(TestUser.Create("look") with { Username = username });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("username", response.Field);
        Assert.Contains(codePoint, response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordLengthCountsTextElements()
    {
        var emoji = string.Concat(Enumerable.Repeat("👩‍👩‍👧‍👦", 8));
        var tooLong = new string('é', 129);

        var eight = await _api.RegisterAsync(TestUser.Create("pwlen") with { Password = emoji });
        var rejected = await _api.RegisterAsync(TestUser.Create("pwlen") with { Password = tooLong });
        var atMax = await _api.RegisterAsync(TestUser.Create("pwlen") with { Password = new string('é', 128) });

        Assert.Equal(HttpStatusCode.Created, eight.Status);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
        Assert.Contains("at most 128", rejected.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, atMax.Status);
    }

    [Theory]
    [InlineData("first_name", "Ada\u202e", "control characters")]
    [InlineData("first_name", "A\u200bda", "control characters")]
    [InlineData("last_name", "Love\u0000lace", "control characters")]
    [InlineData("last_name", "Love\nlace", "control characters")]
    [InlineData("last_name", "\ufffe", "invalid Unicode")]
    [InlineData("first_name", "\u3164", "visible character")]
    [InlineData("last_name", "\u0301\u0301", "visible character")]
    public async Task NameWithInvisibleCharacterIsRejected(string field, string value, string expected)
    {
        var user = TestUser.Create("names");
        var named = field == "first_name" ? user with { FirstName = value } : user with { LastName = value };

        var response = await _api.RegisterAsync(named);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(field, response.Field);
        Assert.Contains(expected, response.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("register", "first_name")]
    [InlineData("register", "password")]
    [InlineData("login", "password")]
    [InlineData("add-post", "body")]
    public async Task LoneSurrogateIsInvalidUnicode(string function, string field)
    {
        // A raw escape, because a JSON serializer would replace a lone surrogate with U+FFFD.
        var json = "{\"username\": \"someone\", \"" + field + "\": \"abc\\ud800def\"}";

        var response = await _api.InvokeAsync(function, json, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(field, response.Field);
        Assert.Contains("invalid Unicode", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NameLimitIs100TextElements()
    {
        var atLimit = await _api.RegisterAsync(TestUser.Create("longname") with { LastName = new string('x', 100) });
        var overLimit = await _api.RegisterAsync(TestUser.Create("longname") with { LastName = new string('x', 101) });

        Assert.Equal(HttpStatusCode.Created, atLimit.Status);
        Assert.Equal(HttpStatusCode.BadRequest, overLimit.Status);
        Assert.Contains("at most 100", overLimit.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmailLimitIs254Characters()
    {
        var user = TestUser.Create("mail");
        var longEmail = new string('a', 60) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 3)) + ".test";
        var tooLong = new string('a', 60) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".test";

        var accepted = await _api.RegisterAsync(user with { Email = longEmail });
        var rejected = await _api.RegisterAsync(TestUser.Create("mail") with { Email = tooLong });

        Assert.True(longEmail.Length <= 254);
        Assert.Equal(HttpStatusCode.Created, accepted.Status);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
        Assert.Contains("at most 254", rejected.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostBodyIsStoredInNfc()
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create("nfc"));

        var response = await _api.AddPostAsync(token, "Cafe\u0301 \u212b");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("Café Å", response.Text("body"));
    }

    [Fact]
    public async Task NamesAreStoredInNfc()
    {
        var user = TestUser.Create("nfcname") with { FirstName = "Jose\u0301", LastName = "A\u030angstro\u0308m" };
        await _api.RegisterAsync(user);

        var token = await _api.LoginAsync(user);
        var claims = TestTokens.DecodeSegment(token, 1)["user"]!;

        Assert.Equal("Jos\u00e9", claims["first_name"]!.GetValue<string>());
        Assert.Equal("\u00c5ngstr\u00f6m", claims["last_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task PasswordLimitCountsCodeUnits()
    {
        // Within 128 text elements, but 1,025 UTF-16 code units.
        var password = "long enough " + new string('\u0301', 1013);

        var response = await _api.RegisterAsync(TestUser.Create("units") with { Password = password });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("password", response.Field);
        Assert.Contains("1024 UTF-16 code units", response.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u200d")]
    [InlineData("\u0301\u0301\u0301")]
    [InlineData("\ufe0f")]
    [InlineData("\u3164\u3164")]
    [InlineData("\u2800")]
    [InlineData("\U000E0061\U000E0062")]
    [InlineData(" \u00a0\u3000 ")]
    public async Task InvisiblePostIsRejected(string body)
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create("blank"));

        var response = await _api.AddPostAsync(token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("body", response.Field);
    }

    [Fact]
    public async Task FormatCharacterIsNamed()
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create("named"));

        var response = await _api.AddPostAsync(token, "soft\u00adhyphen");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("U+00AD", response.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("line one\nline two\tand a tab", HttpStatusCode.Created)]
    [InlineData("carriage\rreturn", HttpStatusCode.BadRequest)]
    [InlineData("right\u202eleft", HttpStatusCode.BadRequest)]
    [InlineData("nul\u0000byte", HttpStatusCode.BadRequest)]
    [InlineData("zero\u200bwidth", HttpStatusCode.BadRequest)]
    [InlineData("family 👩‍👩‍👧‍👦 with joiners", HttpStatusCode.Created)]
    [InlineData("\ufffe", HttpStatusCode.BadRequest)]
    public async Task PostBodyControlCharactersAreChecked(string body, HttpStatusCode expected)
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create("ctrl"));

        var response = await _api.AddPostAsync(token, body);

        Assert.Equal(expected, response.Status);
    }

    [Fact]
    public async Task UnknownMembersAreIgnored()
    {
        var user = TestUser.Create("extra");
        var body = $$"""
            {"username": "{{user.Username}}", "password": "{{user.Password}}", "email": "{{user.Email}}",
             "first_name": "Ada", "last_name": "Lovelace", "is_admin": true, "Username": "shadow"}
            """;

        var response = await _api.InvokeAsync("register", body, "application/json");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(user.Username, response.Text("username"));
    }

    [Theory]
    [InlineData("""{"body": "a", "body": "b", "token": "x"}""", "body", "more than once")]
    [InlineData("""{"body": ["a"], "token": "x"}""", "body", "must be a string")]
    [InlineData("""{"body": {"text": "a"}, "token": "x"}""", "body", "must be a string")]
    [InlineData("""{"body": "a", "token": 5}""", "token", "must be a string")]
    public async Task JsonShapeErrorsNameTheField(string json, string field, string expected)
    {
        var response = await _api.InvokeAsync("add-post", json, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(field, response.Field);
        Assert.Contains(expected, response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NestingDepthLimitIs16()
    {
        static string Nested(int depth) => "{\"username\":\"nobody_here\",\"extra\":"
            + new string('[', depth - 1) + new string(']', depth - 1) + "}";

        var atLimit = await _api.InvokeAsync("list-posts", Nested(16), "application/json");
        var overLimit = await _api.InvokeAsync("list-posts", Nested(17), "application/json");

        Assert.Equal(HttpStatusCode.NotFound, atLimit.Status);
        Assert.Equal(HttpStatusCode.BadRequest, overLimit.Status);
        Assert.Contains("nested more than 16", overLimit.Error, StringComparison.Ordinal);
    }
}
