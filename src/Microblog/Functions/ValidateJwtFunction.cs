using System.Text;
using Microblog.Http;
using Microblog.Tokens;

namespace Microblog.Functions;

/// <summary>
/// Validates a token sent as the raw body, as <c>{"token": ...}</c>, or in an
/// <c>Authorization: Bearer</c> header, and returns its claims. It always validates in process,
/// because it is the function that add-post calls when validation is remote.
/// </summary>
internal sealed class ValidateJwtFunction(TokenValidator validator) : Function
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public override string Name => "validate-jwt";

    public override IReadOnlyList<string> Methods { get; } = [HttpMethods.Post, HttpMethods.Get];

    public override async Task<IResult> InvokeAsync(HttpContext context)
    {
        var token = BearerToken.Read(context.Request);
        if (token is null)
        {
            var body = await JsonBody.ReadAsync(context.Request, context.RequestAborted, acceptJwt: true);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            var (fromBody, problem) = ReadToken(body.Content);
            if (problem is not null)
            {
                return problem;
            }

            token = fromBody;
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            return TokenProblems.Missing(context, TokenProblems.MissingForValidateJwt);
        }

        var validation = await validator.ValidateAsync(token, context.RequestAborted);
        return validation.IsValid
            ? TypedResults.Bytes(validation.Payload, "application/json")
            : TokenProblems.Unauthorized(context, validation.Message);
    }

    private static (string? Token, IResult? Problem) ReadToken(byte[] content)
    {
        var first = content.AsSpan().TrimStart(" \t\r\n"u8);
        if (!first.IsEmpty && first[0] == (byte)'{')
        {
            var request = JsonBody.Deserialize(content, ApiJsonContext.Wire.TokenRequest, out var problem);
            return (request?.Token, problem);
        }

        try
        {
            return (StrictUtf8.GetString(content).Trim().Trim('"'), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest, "The request body is not valid UTF-8.", "token"));
        }
    }
}
