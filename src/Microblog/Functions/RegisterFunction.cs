using Microblog.Accounts;
using Microblog.Http;

namespace Microblog.Functions;

internal sealed class RegisterFunction(AccountService accounts) : Function
{
    public override string Name => "register";

    public override IReadOnlyList<string> Methods { get; } = [HttpMethods.Post];

    public override async Task<IResult> InvokeAsync(HttpContext context)
    {
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
