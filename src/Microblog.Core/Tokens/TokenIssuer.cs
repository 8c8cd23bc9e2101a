using Microblog.Accounts;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Microblog.Tokens;

/// <summary>Issues RS256 tokens for logged-in users.</summary>
public sealed class TokenIssuer(KeyRing keys, TokenOptions options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials = new(keys.SigningKey, SecurityAlgorithms.RsaSha256);

    public IssuedToken Issue(User user)
    {
        // JWT times are whole seconds, so the expiry reported to the client is truncated too.
        var now = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var backdated = now - options.Backdate;
        var expires = now + options.Lifetime;

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            IssuedAt = backdated.UtcDateTime,
            NotBefore = backdated.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
                ["user"] = new Dictionary<string, object>
                {
                    ["email"] = user.Email,
                    ["first_name"] = user.FirstName,
                    ["last_name"] = user.LastName,
                    ["username"] = user.Username,
                },
            },
        };

        return new IssuedToken(_handler.CreateToken(descriptor), expires);
    }
}
