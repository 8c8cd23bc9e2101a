using Microblog.Http;
using Microblog.Posts;
using Microblog.Throttling;
using Microblog.Tokens;

namespace Microblog.Functions;

/// <summary>Adds a post by the user of a verified token; the author never comes from the body.</summary>
internal sealed class AddPostFunction(ITokenValidator validator, PostService posts, RequestThrottle throttle)
    : Function
{
    public override string Name => "add-post";

    public override IReadOnlyList<string> Methods { get; } = [HttpMethods.Post];

    public override async Task<IResult> InvokeAsync(HttpContext context)
    {
        var (request, problem) = await JsonBody.ReadObjectAsync(
            context.Request, ApiJsonContext.Wire.AddPostRequest, "body and token", context.RequestAborted);
        if (request is null)
        {
            return problem!;
        }

        var token = BearerToken.Read(context.Request) ?? request.Token;
        if (string.IsNullOrWhiteSpace(token))
        {
            return TokenProblems.Missing(context, TokenProblems.MissingForAddPost);
        }

        var validation = await validator.ValidateAsync(token, context.RequestAborted);
        if (!validation.IsValid)
        {
            return validation.Failure == TokenFailure.Unavailable
                ? Problems.Create(StatusCodes.Status503ServiceUnavailable, validation.Message)
                : TokenProblems.Unauthorized(context, validation.Message);
        }

        var decision = throttle.TryPost(validation.Username!);
        if (!decision.IsAllowed)
        {
            return Problems.TooManyRequests(context, decision.RetryAfter, decision.Message);
        }

        var result = await posts.AddAsync(validation.Username!, request.Body, context.RequestAborted);
        return result.Status switch
        {
            PostStatus.Success => TypedResults.Json(
                PostMapping.ToResponse(result.Value!),
                ApiJsonContext.Wire.PostResponse,
                statusCode: StatusCodes.Status201Created),
            PostStatus.UnknownUser => TokenProblems.Unauthorized(context, result.Error!.Message),
            _ => Problems.Invalid(result.Error!),
        };
    }
}
