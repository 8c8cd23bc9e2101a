namespace Microblog.Tokens;

/// <summary>Validates tokens: in process, or by calling the deployed validate-jwt function.</summary>
public interface ITokenValidator
{
    ValueTask<TokenValidation> ValidateAsync(string token, CancellationToken cancellationToken);
}
