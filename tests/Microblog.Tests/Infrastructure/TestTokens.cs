using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Microblog.Tests.Infrastructure;

/// <summary>
/// Builds and takes apart JWTs with plain System.Security.Cryptography and JSON, apart from
/// the code under test, so tests can forge tokens and check signatures independently.
/// </summary>
public static class TestTokens
{
    public static JsonNode DecodeSegment(string token, int index) =>
        JsonNode.Parse(Base64UrlDecode(token.Split('.')[index]))!;

    public static byte[] Base64UrlDecode(string segment)
    {
        var base64 = segment.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        return Convert.FromBase64String(base64);
    }

    public static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Encode(JsonNode node) => Base64UrlEncode(Encoding.UTF8.GetBytes(node.ToJsonString()));

    /// <summary>Signs header and payload with RS256 using the given private key.</summary>
    public static string SignRs256(JsonObject header, JsonObject payload, RSA key)
    {
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64UrlEncode(signature)}";
    }

    /// <summary>Signs header and payload JSON text as given, so tests can send JSON no serializer writes.</summary>
    public static string SignRs256(string headerJson, string payloadJson, RSA key)
    {
        var signingInput = $"{Base64UrlEncode(Encoding.UTF8.GetBytes(headerJson))}.{Base64UrlEncode(Encoding.UTF8.GetBytes(payloadJson))}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64UrlEncode(signature)}";
    }

    /// <summary>A payload of the shape login issues, valid from 10 s ago for the given span.</summary>
    public static JsonObject Payload(string username, long? issuedAt = null, long lifetimeSeconds = 3600, string? issuer = "microblog")
    {
        var now = issuedAt ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["nbf"] = now - 10,
            ["iat"] = now - 10,
            ["exp"] = now + lifetimeSeconds,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["user"] = new JsonObject
            {
                ["email"] = $"{username}@example.test",
                ["first_name"] = "Ada",
                ["last_name"] = "Lovelace",
                ["username"] = username,
            },
        };
        if (issuer is not null)
        {
            payload["iss"] = issuer;
        }

        return payload;
    }

    public static RSA ReadServerKey(string dataDirectory)
    {
        var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(dataDirectory, "keys", "private-key.pem")));
        return key;
    }
}
