using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Microblog.Tokens;

/// <summary>
/// The RSA key that signs new tokens and every public key trusted to validate tokens: the
/// signing key's own public half plus configured keys, such as keys rotated out of signing.
/// </summary>
public sealed class KeyRing
{
    public KeyRing(RSA signingKey, IEnumerable<RSA> extraPublicKeys)
    {
        SigningKey = new RsaSecurityKey(signingKey) { KeyId = ComputeKeyId(signingKey) };

        var validationKeys = new List<RsaSecurityKey> { PublicOnly(signingKey) };
        foreach (var key in extraPublicKeys)
        {
            var candidate = PublicOnly(key);
            if (validationKeys.TrueForAll(existing => existing.KeyId != candidate.KeyId))
            {
                validationKeys.Add(candidate);
            }
        }

        ValidationKeys = validationKeys;
    }

    /// <summary>The private key, whose <c>KeyId</c> goes into each token's <c>kid</c> header.</summary>
    public RsaSecurityKey SigningKey { get; }

    /// <summary>Public keys only, the signing key's first.</summary>
    public IReadOnlyList<RsaSecurityKey> ValidationKeys { get; }

    /// <summary>
    /// Computes the key id as the RFC 7638 JWK thumbprint: base64url of the SHA-256 of the
    /// canonical JSON of <c>e</c>, <c>kty</c> and <c>n</c>.
    /// </summary>
    public static string ComputeKeyId(RSA key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var canonical = "{\"e\":\"" + Base64UrlEncoder.Encode(parameters.Exponent)
            + "\",\"kty\":\"RSA\",\"n\":\"" + Base64UrlEncoder.Encode(parameters.Modulus) + "\"}";
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static RsaSecurityKey PublicOnly(RSA key)
    {
        var publicKey = RSA.Create();
        publicKey.ImportParameters(key.ExportParameters(includePrivateParameters: false));
        return new RsaSecurityKey(publicKey) { KeyId = ComputeKeyId(publicKey) };
    }
}
