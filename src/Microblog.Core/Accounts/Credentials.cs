namespace Microblog.Accounts;

/// <summary>The fields of a login request, as the client sent them.</summary>
public sealed record Credentials(string? Username, string? Password);
