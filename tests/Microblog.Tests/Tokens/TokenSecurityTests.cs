using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Tokens;

public sealed class TokenSecurityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MicroblogClient _api = fixture.Api;

    [Fact]
    public async Task SignatureVerifiesAgainstJwks()
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create());
        var jwks = await _api.GetAsync(".well-known/jwks.json");
        var kid = TestTokens.DecodeSegment(token, 0)["kid"]!.GetValue<string>();

        var jwk = jwks.Body!["keys"]!.AsArray().Single(k => k!["kid"]!.GetValue<string>() == kid)!;
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = TestTokens.Base64UrlDecode(jwk["n"]!.GetValue<string>()),
            Exponent = TestTokens.Base64UrlDecode(jwk["e"]!.GetValue<string>()),
        });
        var parts = token.Split('.');
        var verified = rsa.VerifyData(
            Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"),
            TestTokens.Base64UrlDecode(parts[2]),
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);

        Assert.True(verified);
        Assert.Equal("RSA", jwk["kty"]!.GetValue<string>());
        Assert.Equal("RS256", jwk["alg"]!.GetValue<string>());
        Assert.Null(jwk["d"]);
    }

    [Fact]
    public async Task ForgedPayloadIsRejectedForSignature()
    {
        var token = await _api.RegisterAndLoginAsync(TestUser.Create());
        var parts = token.Split('.');
        var payload = TestTokens.DecodeSegment(token, 1).AsObject();
        payload["user"]!["username"] = "admin";
        var forged = $"{parts[0]}.{TestTokens.Encode(payload)}.{parts[2]}";

        var response = await _api.InvokeAsync("validate-jwt", forged);

        AssertRejected(response, "signature");
    }

    [Fact]
    public async Task AlgNoneIsRejectedForAlgorithm()
    {
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT" };
        var token = $"{TestTokens.Encode(header)}.{TestTokens.Encode(TestTokens.Payload("anyone"))}.";

        var response = await _api.InvokeAsync("validate-jwt", token);

        AssertRejected(response, "algorithm");
    }

    [Fact]
    public async Task Hs256SignedWithPublicKeyIsRejected()
    {
        var jwks = await _api.GetAsync(".well-known/jwks.json");
        var jwk = jwks.Body!["keys"]![0]!;
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = TestTokens.Base64UrlDecode(jwk["n"]!.GetValue<string>()),
            Exponent = TestTokens.Base64UrlDecode(jwk["e"]!.GetValue<string>()),
        });
        var publicKeyBytes = Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem());
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = jwk["kid"]!.GetValue<string>() };
        var signingInput = $"{TestTokens.Encode(header)}.{TestTokens.Encode(TestTokens.Payload("anyone"))}";
        var mac = HMACSHA256.HashData(publicKeyBytes, Encoding.ASCII.GetBytes(signingInput));
        var token = $"{signingInput}.{TestTokens.Base64UrlEncode(mac)}";

        var response = await _api.InvokeAsync("validate-jwt", token);

        AssertRejected(response, "algorithm");
    }

    [Fact]
    public async Task TokenFromAnotherKeyIsRejected()
    {
        using var otherKey = RSA.Create(2048);
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        var token = TestTokens.SignRs256(header, TestTokens.Payload("anyone"), otherKey);

        var response = await _api.InvokeAsync("validate-jwt", token);

        AssertRejected(response, "signature");
    }

    [Fact]
    public async Task ExpiredTokenIsRejectedForExpiry()
    {
        using var key = TestTokens.ReadServerKey(fixture.Server.DataDirectory);
        var fiveHoursAgo = DateTimeOffset.UtcNow.AddHours(-5).ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        var token = TestTokens.SignRs256(header, TestTokens.Payload("anyone", fiveHoursAgo, lifetimeSeconds: 4 * 3600), key);

        var response = await _api.InvokeAsync("validate-jwt", token);

        AssertRejected(response, "expired");
    }

    [Fact]
    public async Task ExpiredForgedTokenFailsSignatureFirst()
    {
        using var otherKey = RSA.Create(2048);
        var longAgo = DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        var token = TestTokens.SignRs256(header, TestTokens.Payload("anyone", longAgo), otherKey);

        var response = await _api.InvokeAsync("validate-jwt", token);

        AssertRejected(response, "signature");
    }

    [Fact]
    public async Task FutureTokenIsRejectedAsNotYetValid()
    {
        using var key = TestTokens.ReadServerKey(fixture.Server.DataDirectory);
        var inOneHour = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        var token = TestTokens.SignRs256(header, TestTokens.Payload("anyone", inOneHour), key);

        var response = await _api.InvokeAsync("validate-jwt", token);

        AssertRejected(response, "not valid before");
    }

    [Fact]
    public async Task ForeignIssuerIsRejected()
    {
        using var key = TestTokens.ReadServerKey(fixture.Server.DataDirectory);
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        var token = TestTokens.SignRs256(header, TestTokens.Payload("anyone", issuer: "https://elsewhere.example"), key);

        var response = await _api.InvokeAsync("validate-jwt", token);

        AssertRejected(response, "issuer");
    }

    [Fact]
    public async Task LegacyTokenWithoutKidOrIssuerValidates()
    {
        using var key = TestTokens.ReadServerKey(fixture.Server.DataDirectory);
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        var payload = TestTokens.Payload("legacy_user", issuer: null);
        payload.Remove("jti");
        var token = TestTokens.SignRs256(header, payload, key);

        var response = await _api.InvokeAsync("validate-jwt", token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("legacy_user", response.Body!["user"]!["username"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")]
    public async Task MalformedTokenIsRejected(string token)
    {
        var response = await _api.InvokeAsync("validate-jwt", token);

        AssertRejected(response, "malformed");
    }

    [Fact]
    public async Task OversizedTokenIsRejectedBeforeParsing()
    {
        var response = await _api.InvokeAsync("validate-jwt", new string('a', 9000));

        AssertRejected(response, "longer than 8192");
    }

    [Fact]
    public async Task MissingTokenIsUnauthorized()
    {
        var response = await _api.InvokeAsync("validate-jwt", "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("token", response.Field);
        Assert.Equal("Bearer", Assert.Single(response.Message.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task AddPostMissingTokenNamesItsForms()
    {
        var response = await _api.InvokeAsync("add-post", "{\"body\": \"no token\"}", "application/json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("token", response.Field);
        Assert.Contains("\"token\" in the JSON body", response.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("raw request body", response.Error, StringComparison.Ordinal);
        Assert.NotEmpty(response.Message.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task ForgedTokenCannotAddPost()
    {
        using var otherKey = RSA.Create(2048);
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        var token = TestTokens.SignRs256(header, TestTokens.Payload("anyone"), otherKey);

        var response = await _api.AddPostAsync(token, "should not be stored");

        AssertRejected(response, "signature");
    }

    private static void AssertRejected(ApiResponse response, string reason)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("token", response.Field);
        Assert.Contains(reason, response.Error, StringComparison.OrdinalIgnoreCase);
    }
}
