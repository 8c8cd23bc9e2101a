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

    // HEAD answers with the headers of the GET; Kestrel sends no body for it.
    public override IReadOnlyList<string> Methods { get; } = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

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
        if (!TryReadInteger(query, "offset", 0, int.MaxValue, out int? offset, out var problem)
            || !TryReadInteger(query, "limit", 1, PostRules.MaxLimit, out int? limit, out problem)
            || !TryReadInteger(query, "before", 1, long.MaxValue, out long? before, out problem))
        {
            return (null, problem);
        }

        if (query["username"].Count > 1)
        {
            return (null, GivenTwice("username"));
        }

        var username = query["username"].ToString();
        return (new ListPostsRequest(username.Length == 0 ? null : username, offset, limit, before), null);
    }

    private static bool TryReadInteger<T>(
        IQueryCollection query, string name, T min, T max, out T? value, out IResult? problem)
        where T : struct, IBinaryInteger<T>
    {
        value = null;
        problem = null;
        var values = query[name];
        if (values.Count > 1)
        {
            problem = GivenTwice(name);
            return false;
        }

        var text = values.ToString();
        if (text.Length == 0)
        {
            return true;
        }

        // Within range the value is passed on, so PostRules reports a number out of range; a
        // number too large for the type is reported here with the same range.
        if (T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = Problems.Create(StatusCodes.Status400BadRequest,
            string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min} to {max}; it is '{text}'."),
            name);
        return false;
    }

    private static IResult GivenTwice(string name) =>
        Problems.Create(StatusCodes.Status400BadRequest, $"{name} is given more than once.", name);
}
