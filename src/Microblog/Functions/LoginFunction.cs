using Microblog.Accounts;
using Microblog.Http;
using Microblog.Throttling;
using Microblog.Tokens;

namespace Microblog.Functions;

internal sealed class LoginFunction(AccountService accounts, TokenIssuer issuer, RequestThrottle throttle) : Function
{
    public override string Name => "login";

    public override IReadOnlyList<string> Methods { get; } = [HttpMethods.Post];

    public override async Task<IResult> InvokeAsync(HttpContext context)
    {
        var (request, problem) = await JsonBody.ReadObjectAsync(
            context.Request, ApiJsonContext.Wire.LoginRequest, "username and password", context.RequestAborted);
        if (request is null)
        {
            return problem!;
        }

        if (!string.IsNullOrEmpty(request.Username))
        {
            var decision = throttle.TryLogin(context.Connection.RemoteIpAddress, request.Username);
            if (!decision.IsAllowed)
            {
                return Problems.TooManyRequests(context, decision.RetryAfter, decision.Message);
            }
        }

        var result = await accounts.LoginAsync(
            new Credentials(request.Username, request.Password), context.RequestAborted);

        switch (result.Status)
        {
            case LoginStatus.Success:
                var token = issuer.Issue(result.User!);
                return TypedResults.Json(
                    new LoginResponse(result.User!.Username, token.Token, token.ExpiresAt),
                    ApiJsonContext.Wire.LoginResponse);
            case LoginStatus.InvalidCredentials:
                return Problems.Unauthorized("Invalid username/password");
            default:
                return Problems.Invalid(result.Error!);
        }
    }
}
