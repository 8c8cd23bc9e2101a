namespace Microblog.Tokens;

/// <summary>A signed token and the moment it expires.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);
