using Microsoft.Net.Http.Headers;

namespace Microblog.Http;

internal static class TokenProblems
{
    public const string MissingMessage =
        "A token is required: send it in an Authorization: Bearer header, as {\"token\": ...}, "
        + "or as the raw request body.";

    /// <summary>Returns 401 with the failed check's message and an RFC 6750 challenge.</summary>
    public static IResult Unauthorized(HttpContext context, string message)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer error=\"invalid_token\"";
        return Problems.Unauthorized(message, "token");
    }
}
