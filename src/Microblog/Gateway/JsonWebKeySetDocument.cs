using System.Text.Json.Serialization;
using Microblog.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Microblog.Gateway;

/// <summary>An RFC 7517 JWK Set of the public keys that validate tokens.</summary>
internal sealed record JsonWebKeySetDocument(
    [property: JsonPropertyName("keys")] IReadOnlyList<RsaPublicJwk> Keys)
{
    public static JsonWebKeySetDocument From(KeyRing keys) =>
        new(keys.ValidationKeys.Select(RsaPublicJwk.From).ToList());
}

internal sealed record RsaPublicJwk(
    [property: JsonPropertyName("kty")] string KeyType,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Algorithm,
    [property: JsonPropertyName("kid")] string KeyId,
    [property: JsonPropertyName("n")] string Modulus,
    [property: JsonPropertyName("e")] string Exponent)
{
    public static RsaPublicJwk From(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new RsaPublicJwk(
            "RSA",
            "sig",
            SecurityAlgorithms.RsaSha256,
            key.KeyId,
            Base64UrlEncoder.Encode(parameters.Modulus),
            Base64UrlEncoder.Encode(parameters.Exponent));
    }
}
