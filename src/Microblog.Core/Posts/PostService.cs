using Microblog.Validation;

namespace Microblog.Posts;

public enum PostStatus
{
    Success,
    Invalid,
    UnknownUser,
}

/// <summary>The outcome of a post operation: the value, or why there is none.</summary>
public sealed record PostResult<T>(PostStatus Status, T? Value, FieldError? Error)
    where T : class;

/// <summary>Adds and lists posts.</summary>
public sealed class PostService(IPostStore posts, TimeProvider clock)
{
    /// <summary>Adds a post by <paramref name="username"/>, who comes from a verified token.</summary>
    public async Task<PostResult<Post>> AddAsync(
        string username, string? body, CancellationToken cancellationToken)
    {
        if (PostRules.ValidateBody(body, out var normalized) is { } error)
        {
            return new(PostStatus.Invalid, null, error);
        }

        var post = await posts.AddAsync(username, normalized, clock.GetUtcNow(), cancellationToken);
        return post is null
            ? new(PostStatus.UnknownUser, null, new("token", $"the user '{username}' of this token does not exist."))
            : new(PostStatus.Success, post, null);
    }

    public async Task<PostResult<PostPage>> ListAsync(
        string? username, int? offset, int? limit, long? before, CancellationToken cancellationToken)
    {
        if (PostRules.ValidateQuery(username, offset, limit, before, out var query) is { } error)
        {
            return new(PostStatus.Invalid, null, error);
        }

        var page = await posts.ListAsync(query, cancellationToken);
        if (page.Count == 0
            && query.Username is not null
            && !await posts.UserExistsAsync(query.Username, cancellationToken))
        {
            return new(PostStatus.UnknownUser, null, new("username", $"the user '{query.Username}' does not exist."));
        }

        var next = page.Count == query.Limit ? page[^1].Id : (long?)null;
        return new(PostStatus.Success, new PostPage(page, next), null);
    }
}
