namespace Microblog.Accounts;

/// <summary>The fields of a register request, as the client sent them.</summary>
public sealed record Registration(
    string? Username,
    string? Password,
    string? Email,
    string? FirstName,
    string? LastName);
