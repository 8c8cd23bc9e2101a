using Microsoft.Net.Http.Headers;

namespace Microblog.Http;

internal static class TokenProblems
{
    public const string MissingForValidateJwt =
        "A token is required: send it in an Authorization: Bearer header, as {\"token\": ...}, "
        + "or as the raw request body.";

    public const string MissingForAddPost =
        "A token is required: send it in an Authorization: Bearer header or as \"token\" in the JSON body.";

    /// <summary>Returns 401 with the failed check's message and an RFC 6750 challenge.</summary>
    public static IResult Unauthorized(HttpContext context, string message)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer error=\"invalid_token\"";
        return Problems.Unauthorized(message, "token");
    }

    /// <summary>
    /// Returns 401 for a request with no token. RFC 6750 section 3.1: a request without
    /// credentials gets a challenge with no error code.
    /// </summary>
    public static IResult Missing(HttpContext context, string message)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Problems.Unauthorized(message, "token");
    }
}
