namespace Microblog.Posts;

/// <summary>
/// A validated page request: newest first, optionally by one author, skipping
/// <see cref="Offset"/> posts, and only posts older than the id <see cref="Before"/>.
/// </summary>
public sealed record PostQuery(string? Username, int Offset, int Limit, long? Before);
