using System.Globalization;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Microblog.Tokens;

/// <summary>
/// Validates tokens in process. The algorithm is pinned to RS256 and read from the header
/// before anything else; the signature is checked against the key ring before any claim is
/// trusted; then lifetime (with clock skew) and issuer. Tokens without <c>iss</c> or
/// <c>kid</c>, as other RS256 signers of the same key issue them, are accepted. A token that
/// names this service as its issuer must carry a <c>jti</c>, as every token it issues does;
/// tokens of other signers, such as the earlier Ruby deployment, may lack one.
/// </summary>
public sealed class TokenValidator : ITokenValidator
{
    // RFC 8725 section 3.8 and RFC 7515 section 5.2: a member given twice could be read one way
    // here and another way by a different parser, so such a token is rejected.
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    private readonly TokenOptions _options;
    private readonly JsonWebTokenHandler _handler;
    private readonly TokenValidationParameters _parameters;
    private readonly AcceptedTokens _accepted = new();

    public TokenValidator(KeyRing keys, TokenOptions options)
    {
        _options = options;
        _handler = new JsonWebTokenHandler { MaximumTokenSizeInBytes = options.MaxTokenLength };

        // The token contract has no audience claim, so there is no audience to check.
        _parameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            IssuerSigningKeys = keys.ValidationKeys,
            TryAllIssuerSigningKeys = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = options.ClockSkew,
            ValidateIssuer = true,
            IssuerValidator = ValidateIssuer,
            ValidateAudience = false,
            ValidateIssuerSigningKey = false,
        };
    }

    public async ValueTask<TokenValidation> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        token = token.Trim();
        if (token.Length == 0)
        {
            return TokenValidation.Invalid(TokenFailure.Missing, "token is required.");
        }

        if (token.Length > _options.MaxTokenLength)
        {
            return TokenValidation.Invalid(TokenFailure.TooLong,
                $"Invalid token: it is longer than {_options.MaxTokenLength} characters.");
        }

        if (_accepted.TryGet(token, DateTime.UtcNow, _options.ClockSkew, out var cached))
        {
            return cached;
        }

        if (!TryReadHeader(token, out var jwt))
        {
            return TokenValidation.Invalid(TokenFailure.Malformed,
                "Invalid token: it is malformed (expected header.payload.signature in base64url JSON).");
        }

        if (ReadHeaderProblem(jwt) is { } headerProblem)
        {
            return TokenValidation.Invalid(TokenFailure.Malformed, headerProblem);
        }

        if (jwt.Alg != SecurityAlgorithms.RsaSha256)
        {
            return TokenValidation.Invalid(TokenFailure.Algorithm,
                $"Invalid token: algorithm '{jwt.Alg}' is not accepted; tokens must be signed with RS256.");
        }

        var result = await _handler.ValidateTokenAsync(jwt, _parameters);
        if (!result.IsValid)
        {
            return Describe(result.Exception, jwt);
        }

        // The signature has verified: only now is anything in the payload worth reporting.
        // NOTE: these checks see only tokens the handler accepted, so a payload whose duplicate
        // or string exp fails the handler's lifetime check is reported as a lifetime problem.
        var payload = Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload);
        if (ReadPayloadProblem(payload) is { } payloadProblem)
        {
            return TokenValidation.Invalid(TokenFailure.Claims, payloadProblem);
        }

        var (username, issuer, hasId) = ReadClaims(payload);
        if (issuer == _options.Issuer && !hasId)
        {
            return TokenValidation.Invalid(TokenFailure.Claims,
                $"Invalid token: it has no jti claim, which every token issued by '{_options.Issuer}' carries.");
        }

        if (username is null)
        {
            return TokenValidation.Invalid(TokenFailure.Claims, "Invalid token: it has no user.username claim.");
        }

        var validation = TokenValidation.Valid(payload, username);
        _accepted.Add(token, validation, jwt.ValidFrom, jwt.ValidTo);
        return validation;
    }

    private bool TryReadHeader(string token, out JsonWebToken jwt)
    {
        jwt = null!;
        if (!_handler.CanReadToken(token))
        {
            return false;
        }

        try
        {
            jwt = _handler.ReadJsonWebToken(token);
            return !jwt.IsEncrypted;
        }
        catch (SecurityTokenMalformedException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Rejects a header with a duplicate member or with <c>crit</c>: this service understands no
    /// header extensions, and RFC 7515 section 4.1.11 requires a token naming any to be rejected.
    /// </summary>
    private static string? ReadHeaderProblem(JsonWebToken jwt)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedHeader), StrictJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("crit", out _))
            {
                return "Invalid token: its header has a crit member, and no header extension is supported.";
            }

            return null;
        }
        catch (JsonException)
        {
            return "Invalid token: its header has a member more than once.";
        }
    }

    /// <summary>Rejects a payload with a duplicate member or with a time claim that is not a number.</summary>
    private static string? ReadPayloadProblem(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload, StrictJson);
            foreach (var claim in (ReadOnlySpan<string>)["exp", "nbf", "iat"])
            {
                if (document.RootElement.TryGetProperty(claim, out var value) && value.ValueKind != JsonValueKind.Number)
                {
                    return $"Invalid token: its {claim} claim must be a JSON number of seconds.";
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return "Invalid token: its payload has a member more than once.";
        }
    }

    private string ValidateIssuer(string issuer, SecurityToken token, TokenValidationParameters parameters)
    {
        if (string.IsNullOrEmpty(issuer) || issuer == _options.Issuer)
        {
            return issuer;
        }

        throw new SecurityTokenInvalidIssuerException($"Issuer '{issuer}' is not trusted.")
        {
            InvalidIssuer = issuer,
        };
    }

    private static TokenValidation Describe(Exception? exception, JsonWebToken jwt) => exception switch
    {
        SecurityTokenInvalidAlgorithmException =>
            TokenValidation.Invalid(TokenFailure.Algorithm, "Invalid token: the algorithm is not accepted; tokens must be signed with RS256."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            TokenValidation.Invalid(TokenFailure.Signature, "Invalid token: the signature does not verify with any trusted key."),
        SecurityTokenExpiredException =>
            TokenValidation.Invalid(TokenFailure.Expired, $"Invalid token: it expired at {Format(jwt.ValidTo)}."),
        SecurityTokenNotYetValidException =>
            TokenValidation.Invalid(TokenFailure.NotYetValid, $"Invalid token: it is not valid before {Format(jwt.ValidFrom)}."),
        SecurityTokenNoExpirationException =>
            TokenValidation.Invalid(TokenFailure.Lifetime, "Invalid token: it has no expiration time (exp)."),
        SecurityTokenInvalidLifetimeException =>
            TokenValidation.Invalid(TokenFailure.Lifetime, "Invalid token: its lifetime (nbf, exp) is invalid."),
        SecurityTokenInvalidIssuerException issuer =>
            TokenValidation.Invalid(TokenFailure.Issuer, $"Invalid token: issuer '{issuer.InvalidIssuer}' is not trusted."),
        _ =>
            TokenValidation.Invalid(TokenFailure.Malformed, "Invalid token: it is malformed."),
    };

    private static string Format(DateTime time) =>
        time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads the <c>user.username</c> claim from a token payload; null when absent.</summary>
    public static string? ReadUsername(ReadOnlySpan<byte> payload) => ReadClaims(payload).Username;

    private static (string? Username, string? Issuer, bool HasId) ReadClaims(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var username = root.TryGetProperty("user", out var user)
            && user.ValueKind == JsonValueKind.Object
            && user.TryGetProperty("username", out var name)
            && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
        var issuer = root.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String
            ? iss.GetString()
            : null;
        var hasId = root.TryGetProperty("jti", out var jti)
            && jti.ValueKind == JsonValueKind.String
            && jti.GetString()!.Length > 0;
        return (username, issuer, hasId);
    }
}
