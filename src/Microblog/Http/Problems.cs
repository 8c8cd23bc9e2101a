using Microblog.Validation;

namespace Microblog.Http;

/// <summary>Builds the problem responses of every error status the functions return.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult Create(int status, string message, string? field = null) =>
        TypedResults.Json(
            new ProblemResponse(TypeFor(status), TitleFor(status), status, message, message, field),
            ApiJsonContext.Wire.ProblemResponse,
            ContentType,
            status);

    public static IResult Invalid(FieldError error) =>
        Create(StatusCodes.Status400BadRequest, error.Message, error.Field);

    public static IResult Unauthorized(string message, string? field = null) =>
        Create(StatusCodes.Status401Unauthorized, message, field);

    public static IResult Unavailable() =>
        Create(StatusCodes.Status503ServiceUnavailable,
            "The database is unavailable; retry in a few seconds.");

    /// <summary>Returns 429 with a <c>Retry-After</c> header in whole seconds, rounded up.</summary>
    public static IResult TooManyRequests(HttpContext context, TimeSpan retryAfter, string message)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Create(StatusCodes.Status429TooManyRequests, message);
    }

    /// <summary>Writes a problem directly, for code outside an endpoint such as middleware.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message) =>
        Create(status, message).ExecuteAsync(context);

    private static string TitleFor(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };

    private static string TypeFor(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        405 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        408 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.9",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        500 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
        502 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.3",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        504 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.5",
        _ => "about:blank",
    };
}
