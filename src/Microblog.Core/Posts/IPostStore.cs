namespace Microblog.Posts;

/// <summary>Stores posts. Ids grow with insertion order and are never reused.</summary>
public interface IPostStore
{
    /// <summary>
    /// Inserts a post by the user with that username and returns it, or null when no such user
    /// exists. The post is durable when the task completes.
    /// </summary>
    Task<Post?> AddAsync(string username, string body, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>Lists posts newest first (by descending id) as the query selects.</summary>
    Task<IReadOnlyList<Post>> ListAsync(PostQuery query, CancellationToken cancellationToken);

    /// <summary>Returns true when a user with that username exists, ignoring case.</summary>
    Task<bool> UserExistsAsync(string username, CancellationToken cancellationToken);

    /// <summary>
    /// Returns a number that changes whenever posts or users change, whoever changed them, so a
    /// page computed under one version is still current while the version is unchanged. Null
    /// means the store cannot tell cheaply and exactly, and pages must not be cached.
    /// </summary>
    ValueTask<long?> GetVersionAsync(CancellationToken cancellationToken);
}
