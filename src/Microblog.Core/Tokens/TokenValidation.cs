namespace Microblog.Tokens;

/// <summary>
/// The result of validating a token. When valid, <see cref="Payload"/> is the token's claims as
/// UTF-8 JSON and <see cref="Username"/> is the <c>user.username</c> claim.
/// </summary>
public sealed record TokenValidation(
    TokenFailure Failure, string Message, ReadOnlyMemory<byte> Payload, string? Username)
{
    public bool IsValid => Failure == TokenFailure.None;

    public static TokenValidation Valid(ReadOnlyMemory<byte> payload, string username) =>
        new(TokenFailure.None, "", payload, username);

    public static TokenValidation Invalid(TokenFailure failure, string message) =>
        new(failure, message, ReadOnlyMemory<byte>.Empty, null);
}
