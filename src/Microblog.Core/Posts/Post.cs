namespace Microblog.Posts;

/// <summary>A stored post with its author's username.</summary>
public sealed record Post(long Id, string Username, string Body, DateTimeOffset CreatedAt);
