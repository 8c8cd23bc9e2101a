using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microblog.Http;
using Microblog.Posts;

namespace Microblog.Functions;

/// <summary>
/// Lists posts newest first. GET takes the fields as query parameters; POST takes them as a
/// JSON body, or as query parameters when the body is empty. Pages are served from
/// <see cref="PostPageCache"/> while the store's version is unchanged.
/// </summary>
internal sealed class ListPostsFunction(PostService posts, IPostStore store, PostPageCache cache) : Function
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public override string Name => "list-posts";

    public override IReadOnlyList<string> Methods { get; } = [HttpMethods.Get, HttpMethods.Post];

    public override async Task<IResult> InvokeAsync(HttpContext context)
    {
        ListPostsRequest? request = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var body = await JsonBody.ReadAsync(context.Request, context.RequestAborted);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            if (!body.IsEmpty)
            {
                request = JsonBody.Deserialize(body.Content, ApiJsonContext.Wire.ListPostsRequest, out var problem);
                if (request is null)
                {
                    return problem!;
                }
            }
        }

        if (request is null)
        {
            var (fromQuery, problem) = ReadQuery(context.Request.Query);
            if (fromQuery is null)
            {
                return problem!;
            }

            request = fromQuery;
        }

        // The version is read before the query, so a page stored under it is at least as new.
        var key = new PageKey(request.Username, request.Offset, request.Limit, request.Before);
        var version = await store.GetVersionAsync(context.RequestAborted);
        if (version is { } current && cache.TryGet(key, current, out var cached))
        {
            return TypedResults.Bytes(cached, JsonContentType);
        }

        var result = await posts.ListAsync(
            request.Username, request.Offset, request.Limit, request.Before, context.RequestAborted);
        switch (result.Status)
        {
            case PostStatus.Success:
                var body = JsonSerializer.SerializeToUtf8Bytes(
                    PostMapping.ToResponse(result.Value!), ApiJsonContext.Wire.PostPageResponse);
                if (version is { } read)
                {
                    cache.Set(key, read, body);
                }

                return TypedResults.Bytes(body, JsonContentType);
            case PostStatus.UnknownUser:
                return Problems.Create(StatusCodes.Status404NotFound, result.Error!.Message, result.Error.Field);
            default:
                return Problems.Invalid(result.Error!);
        }
    }

    private static (ListPostsRequest? Request, IResult? Problem) ReadQuery(IQueryCollection query)
    {
        if (!TryReadInteger(query, "offset", out int? offset, out var problem)
            || !TryReadInteger(query, "limit", out int? limit, out problem)
            || !TryReadInteger(query, "before", out long? before, out problem))
        {
            return (null, problem);
        }

        var username = query["username"].ToString();
        return (new ListPostsRequest(username.Length == 0 ? null : username, offset, limit, before), null);
    }

    private static bool TryReadInteger<T>(IQueryCollection query, string name, out T? value, out IResult? problem)
        where T : struct, IBinaryInteger<T>
    {
        value = null;
        problem = null;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = Problems.Create(StatusCodes.Status400BadRequest, $"{name} must be a whole number; it is '{text}'.", name);
        return false;
    }
}
