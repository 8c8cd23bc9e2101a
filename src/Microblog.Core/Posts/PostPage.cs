namespace Microblog.Posts;

/// <summary>
/// A page of posts, newest first. <see cref="Next"/> is the <c>before</c> cursor of the next
/// page, or null when this page is the last.
/// </summary>
public sealed record PostPage(IReadOnlyList<Post> Posts, long? Next);
