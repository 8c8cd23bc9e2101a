using System.Net;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Storage;

/// <summary>list-posts serves cached pages; these tests prove a cached page is never stale.</summary>
public sealed class PageCacheTests
{
    [Fact]
    public async Task NewPostAppearsOnCachedPage()
    {
        await using var server = await MicroblogServer.StartAsync();
        var api = new MicroblogClient(server.Client);
        var token = await api.RegisterAndLoginAsync(TestUser.Create("cache"));
        await api.AddPostAsync(token, "first");
        var before = await api.GetAsync("function/list-posts");
        var again = await api.GetAsync("function/list-posts");

        await api.AddPostAsync(token, "second");
        var after = await api.GetAsync("function/list-posts");

        Assert.Equal(before.Body!.ToJsonString(), again.Body!.ToJsonString());
        Assert.Equal("second", after.Body!["posts"]![0]!["body"]!.GetValue<string>());
        Assert.Equal(2, after.Body["posts"]!.AsArray().Count);
    }

    [Fact]
    public async Task WriteByAnotherProcessInvalidatesPage()
    {
        await using var first = await MicroblogServer.StartAsync();
        await using var second = await MicroblogServer.StartAsync("--data", first.DataDirectory);
        var reader = new MicroblogClient(first.Client);
        var writer = new MicroblogClient(second.Client);
        var user = TestUser.Create("shared");
        var token = await writer.RegisterAndLoginAsync(user);
        await writer.AddPostAsync(token, "from the other server");
        var cached = await reader.GetAsync($"function/list-posts?username={user.Username}");

        await writer.AddPostAsync(token, "newer, from the other server");
        var fresh = await reader.GetAsync($"function/list-posts?username={user.Username}");

        Assert.Single(cached.Body!["posts"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal(2, fresh.Body!["posts"]!.AsArray().Count);
        Assert.Equal("newer, from the other server", fresh.Body["posts"]![0]!["body"]!.GetValue<string>());
    }
}
