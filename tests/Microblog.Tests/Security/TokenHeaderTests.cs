using System.Net;
using System.Text.Json.Nodes;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Security;

/// <summary>Tokens signed with the server's own key whose JSON is ambiguous or asks for extensions.</summary>
public sealed class TokenHeaderTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MicroblogClient _api = fixture.Api;

    [Fact]
    public async Task CritHeaderIsRejectedAsMalformed()
    {
        using var key = TestTokens.ReadServerKey(fixture.Server.DataDirectory);
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["crit"] = new JsonArray("exp"), ["exp"] = 1 };

        var response = await _api.InvokeAsync("validate-jwt", TestTokens.SignRs256(header, TestTokens.Payload("crit_user"), key));

        AssertRejected(response, "crit");
    }

    [Fact]
    public async Task DuplicateHeaderMemberIsRejected()
    {
        using var key = TestTokens.ReadServerKey(fixture.Server.DataDirectory);
        var payload = TestTokens.Payload("dup_header").ToJsonString();

        var token = TestTokens.SignRs256("""{"alg":"RS256","typ":"JWT","alg":"RS256"}""", payload, key);
        var response = await _api.InvokeAsync("validate-jwt", token);

        AssertRejected(response, "header has a member more than once");
    }

    [Fact]
    public async Task DuplicatePayloadMemberIsRejected()
    {
        using var key = TestTokens.ReadServerKey(fixture.Server.DataDirectory);
        var payload = TestTokens.Payload("dup_payload").ToJsonString();
        var duplicated = payload[..^1] + ",\"jti\":\"another\"}";

        var token = TestTokens.SignRs256("""{"alg":"RS256","typ":"JWT"}""", duplicated, key);
        var response = await _api.InvokeAsync("validate-jwt", token);

        AssertRejected(response, "payload has a member more than once");
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("nbf")]
    [InlineData("iat")]
    public async Task TimeClaimMustBeNumber(string claim)
    {
        using var key = TestTokens.ReadServerKey(fixture.Server.DataDirectory);
        var payload = TestTokens.Payload("str_time");
        payload[claim] = payload[claim]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await _api.InvokeAsync("validate-jwt", TestTokens.SignRs256(
            new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" }, payload, key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("token", response.Field);
        Assert.Contains(claim, response.Error, StringComparison.Ordinal);
    }

    private static void AssertRejected(ApiResponse response, string reason)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("token", response.Field);
        Assert.Contains(reason, response.Error, StringComparison.Ordinal);
    }
}
