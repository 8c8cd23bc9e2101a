using Microsoft.Net.Http.Headers;

namespace Microblog.Http;

internal static class BearerToken
{
    /// <summary>Reads the token of an <c>Authorization: Bearer</c> header, if there is one.</summary>
    public static string? Read(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? header[Scheme.Length..].Trim()
            : null;
    }
}
