using Microblog.Accounts;
using Microblog.Http;
using Microblog.Throttling;

namespace Microblog.Functions;

internal sealed class RegisterFunction(AccountService accounts, RequestThrottle throttle) : Function
{
    public override string Name => "register";

    public override IReadOnlyList<string> Methods { get; } = [HttpMethods.Post];

    public override async Task<IResult> InvokeAsync(HttpContext context)
    {
        var decision = throttle.TryRegister(context.Connection.RemoteIpAddress);
        if (!decision.IsAllowed)
        {
            return Problems.TooManyRequests(context, decision.RetryAfter, decision.Message);
        }

        var (request, problem) = await JsonBody.ReadObjectAsync(
            context.Request,
            ApiJsonContext.Wire.RegisterRequest,
            "username, password, email, first_name and last_name",
            context.RequestAborted);
        if (request is null)
        {
            return problem!;
        }

        var registration = new Registration(
            request.Username, request.Password, request.Email, request.FirstName, request.LastName);
        var result = await accounts.RegisterAsync(registration, context.RequestAborted);

        return result.Status switch
        {
            RegistrationStatus.Created => TypedResults.Json(
                new RegisterResponse(result.Username!, "created"),
                ApiJsonContext.Wire.RegisterResponse,
                statusCode: StatusCodes.Status201Created),
            RegistrationStatus.Conflict => Problems.Create(
                StatusCodes.Status409Conflict, "Username or E-Mail already in use"),
            _ => Problems.Invalid(result.Error!),
        };
    }
}
