namespace Microblog.Posts;

/// <summary>Stores posts. Ids grow with insertion order and are never reused.</summary>
public interface IPostStore
{
    /// <summary>
    /// Inserts a post by the user with that username and returns it, or null when no such user
    /// exists. The post is durable when the task completes.
    /// </summary>
    Task<Post?> AddAsync(string username, string body, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>Lists posts newest first (by descending id) as the query asks.</summary>
    Task<IReadOnlyList<Post>> ListAsync(PostQuery query, CancellationToken cancellationToken);

    /// <summary>Returns true when a user with that username exists, ignoring case.</summary>
    Task<bool> UserExistsAsync(string username, CancellationToken cancellationToken);
}
