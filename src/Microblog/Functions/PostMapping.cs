using Microblog.Http;
using Microblog.Posts;

namespace Microblog.Functions;

internal static class PostMapping
{
    public static PostResponse ToResponse(Post post) =>
        new(post.Id, post.Username, post.Body, post.CreatedAt);

    public static PostPageResponse ToResponse(PostPage page) =>
        new(page.Posts.Select(ToResponse).ToList(), page.Next);
}
