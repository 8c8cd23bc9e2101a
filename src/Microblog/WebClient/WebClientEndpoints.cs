using Microblog.Http;
using Microsoft.Net.Http.Headers;

namespace Microblog.WebClient;

/// <summary>
/// Serves the web client at <c>/</c> and its asset paths only, so every other unknown path
/// still gets the gateway's JSON 404.
/// </summary>
internal static class WebClientEndpoints
{
    // The pages load scripts, styles and data from this origin only, and nothing inline runs.
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        + "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapWebClient(this IEndpointRouteBuilder routes)
    {
        foreach (var asset in WebAssetCatalog.Assets.Values)
        {
            routes.MapMethods(asset.Path, [HttpMethods.Get, HttpMethods.Head], context => ServeAsync(context, asset));
        }

        return routes;
    }

    private static Task ServeAsync(HttpContext context, WebAsset asset)
    {
        // Routing also matches the path with a trailing slash, which is not an asset.
        if (!context.Request.Path.Equals(asset.Path, StringComparison.Ordinal))
        {
            return Problems.WriteAsync(context, StatusCodes.Status404NotFound,
                $"No route for {context.Request.Path}; functions are served at /function/NAME.");
        }

        var response = context.Response;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";

        // The paths carry no version, so browsers revalidate every time and get a 304 while
        // the binary is unchanged.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;

        if (IsNotModified(context.Request, asset))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        return response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }

    private static bool IsNotModified(HttpRequest request, WebAsset asset)
    {
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags))
        {
            return false;
        }

        var current = EntityTagHeaderValue.Parse(asset.ETag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}
