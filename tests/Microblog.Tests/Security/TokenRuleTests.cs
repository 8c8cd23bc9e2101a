using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Security;

public sealed class TokenRuleTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MicroblogClient _api = fixture.Api;

    [Fact]
    public async Task OwnIssuerWithoutJtiIsRejected()
    {
        using var key = TestTokens.ReadServerKey(fixture.Server.DataDirectory);
        var payload = TestTokens.Payload("no_id");
        payload.Remove("jti");
        var token = TestTokens.SignRs256(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" }, payload, key);

        var response = await _api.InvokeAsync("validate-jwt", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("token", response.Field);
        Assert.Contains("no jti claim", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuedTokensCarryJtiAndKid()
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create("ids"));

        var header = TestTokens.DecodeSegment(token, 0);
        var payload = TestTokens.DecodeSegment(token, 1);

        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(header["kid"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(payload["jti"]?.GetValue<string>()));
        Assert.Equal("microblog", payload["iss"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownKidStillNeedsTrustedKey()
    {
        using var key = TestTokens.ReadServerKey(fixture.Server.DataDirectory);
        using var otherKey = RSA.Create(2048);
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = "../../keys/private-key.pem" };

        var trusted = await _api.InvokeAsync("validate-jwt", TestTokens.SignRs256(header, TestTokens.Payload("kid_user"), key));
        var untrusted = await _api.InvokeAsync("validate-jwt", TestTokens.SignRs256(
            (JsonObject)header.DeepClone(), TestTokens.Payload("kid_user"), otherKey));

        Assert.Equal(HttpStatusCode.OK, trusted.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, untrusted.Status);
        Assert.Contains("signature", untrusted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyEmbeddedInHeaderIsIgnored()
    {
        using var attackerKey = RSA.Create(2048);
        var parameters = attackerKey.ExportParameters(includePrivateParameters: false);
        var header = new JsonObject
        {
            ["alg"] = "RS256",
            ["typ"] = "JWT",
            ["jwk"] = new JsonObject
            {
                ["kty"] = "RSA",
                ["n"] = TestTokens.Base64UrlEncode(parameters.Modulus!),
                ["e"] = TestTokens.Base64UrlEncode(parameters.Exponent!),
            },
            ["jku"] = "http://127.0.0.1:9/keys.json",
        };
        var token = TestTokens.SignRs256(header, TestTokens.Payload("attacker"), attackerKey);

        var response = await _api.InvokeAsync("validate-jwt", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Contains("signature", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SizeLimitIs8192Characters()
    {
        using var key = TestTokens.ReadServerKey(fixture.Server.DataDirectory);
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        var payload = TestTokens.Payload("padded");
        payload["pad"] = new string('p', 5500);
        string fits;
        var token = TestTokens.SignRs256(header, payload, key);
        do
        {
            fits = token;
            payload["pad"] += "p";
            token = TestTokens.SignRs256(header, payload, key);
        }
        while (token.Length <= 8192);

        var accepted = await _api.InvokeAsync("validate-jwt", fits);
        var rejected = await _api.InvokeAsync("validate-jwt", token);

        Assert.InRange(fits.Length, 8190, 8192);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.Status);
        Assert.Contains("longer than 8192", rejected.Error, StringComparison.Ordinal);
    }
}
