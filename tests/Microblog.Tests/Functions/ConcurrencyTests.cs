using System.Net;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Functions;

public abstract class ConcurrencyTests(ServerFixture fixture)
{
    private readonly MicroblogClient _api = fixture.Api;

    [Fact]
    public async Task ConcurrentDuplicateRegistrationsCreateOneUser()
    {
        var user = TestUser.Create("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 48).Select(i =>
            _api.RegisterAsync(user with { Email = $"race{i}@example.test" })));

        Assert.Equal(1, responses.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(47, responses.Count(r => r.Status == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task ConcurrentPostsAreAllListedOnce()
    {
        var user = TestUser.Create("burst");
        var token = await _api.RegisterAndLoginAsync(user);

        var responses = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => _api.AddPostAsync(token, $"burst {i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var listed = new List<string>();
        long? before = null;
        do
        {
            var page = await _api.GetAsync($"function/list-posts?username={user.Username}" + (before is null ? "" : $"&before={before}"));
            listed.AddRange(page.Body!["posts"]!.AsArray().Select(p => p!["body"]!.GetValue<string>()));
            before = page.Body["next"]?.GetValue<long>();
        }
        while (before is not null);

        Assert.Equal(300, listed.Count);
        Assert.Equal(300, listed.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"burst {i}").Order(), listed.Order());
    }
}
