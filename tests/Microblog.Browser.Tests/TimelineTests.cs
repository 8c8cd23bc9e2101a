using System.Net;
using Microblog.Browser.Tests.Infrastructure;
using Microblog.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Microblog.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class TimelineTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task NewPostAppearsAtTop()
    {
        var user = TestUser.Create("web");
        await fixture.Api.RegisterAsync(user);
        await fixture.Api.AddPostAsync(await fixture.Api.LoginAsync(user), "An earlier post");
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await WebClientSteps.LogInAsync(page, user);

        await WebClientSteps.PostAsync(page, "Hello from the browser");

        await Expect(page.Locator("#notice")).ToHaveTextAsync("Posted.");
        await Expect(WebClientSteps.PostBodies(page).First).ToHaveTextAsync("Hello from the browser");
        await Expect(WebClientSteps.Posts(page).First.Locator(".author")).ToHaveTextAsync($"@{user.Username}");
        await Expect(WebClientSteps.PostBodies(page).Nth(1)).ToHaveTextAsync("An earlier post");
        await Expect(page.GetByLabel("New post")).ToHaveValueAsync("");
        await Expect(page.Locator("#post-count")).ToHaveTextAsync("0 / 500");
        await browser.SaveScreenshotAsync("timeline");
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task OlderButtonPagesByCursor()
    {
        var user = TestUser.Create("web");
        var token = await fixture.Api.RegisterAndLoginAsync(user);
        for (var number = 1; number <= 25; number++)
        {
            var created = await fixture.Api.AddPostAsync(token, $"Post number {number}");
            Assert.Equal(HttpStatusCode.Created, created.Status);
        }

        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/user/{user.Username}");

        await Expect(WebClientSteps.Posts(page)).ToHaveCountAsync(20);
        await Expect(WebClientSteps.PostBodies(page).First).ToHaveTextAsync("Post number 25");
        await Expect(WebClientSteps.PostBodies(page).Last).ToHaveTextAsync("Post number 6");
        await Expect(page.Locator("#posts-end")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Older posts" }).ClickAsync();

        await Expect(WebClientSteps.Posts(page)).ToHaveCountAsync(25);
        await Expect(WebClientSteps.PostBodies(page).Nth(20)).ToHaveTextAsync("Post number 5");
        await Expect(WebClientSteps.PostBodies(page).Last).ToHaveTextAsync("Post number 1");
        await Expect(WebClientSteps.Posts(page).Nth(20).Locator("article")).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Older posts" })).ToBeHiddenAsync();
        await Expect(page.Locator("#posts-end")).ToHaveTextAsync("No older posts.");
    }

    [BrowserFact]
    public async Task UsernameLinkFiltersTimeline()
    {
        var author = TestUser.Create("web");
        var other = TestUser.Create("web");
        await fixture.Api.AddPostAsync(await fixture.Api.RegisterAndLoginAsync(author), "Written by the author");
        await fixture.Api.AddPostAsync(await fixture.Api.RegisterAndLoginAsync(other), "Written by someone else");
        await using var browser = await fixture.OpenAsync(width: 390, height: 844);
        var page = browser.Page;
        await page.GotoAsync("/");
        await Expect(WebClientSteps.PostBodies(page).First).ToHaveTextAsync("Written by someone else");

        await page.GetByRole(AriaRole.Link, new() { Name = $"@{author.Username}" }).ClickAsync();

        await Expect(page.Locator("#timeline-title")).ToHaveTextAsync($"Posts by @{author.Username}");
        await Expect(page.Locator("#timeline-title")).ToBeFocusedAsync();
        await Expect(WebClientSteps.Posts(page)).ToHaveCountAsync(1);
        await Expect(WebClientSteps.PostBodies(page).First).ToHaveTextAsync("Written by the author");
        Assert.EndsWith($"#/user/{author.Username}", page.Url, StringComparison.Ordinal);
        await browser.SaveScreenshotAsync("user-timeline-phone");

        await page.GetByRole(AriaRole.Link, new() { Name = "Show all posts" }).ClickAsync();
        await Expect(page.Locator("#timeline-title")).ToHaveTextAsync("Timeline");
        await Expect(WebClientSteps.PostBodies(page).First).ToHaveTextAsync("Written by someone else");
    }

    [BrowserFact]
    public async Task UnknownUserShowsNotFound()
    {
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;

        await page.GotoAsync("/#/user/nobody_here_at_all");

        await Expect(page.Locator("#alert")).ToContainTextAsync("nobody_here_at_all");
        await Expect(WebClientSteps.Posts(page)).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task HtmlPostShowsAsLiteralText()
    {
        const string Body = "<img src=x onerror=\"window.injected = 'img'\"><script>window.injected = 'script'</script>"
            + "<b>bold</b> &amp; <a href=\"javascript:window.injected='link'\">link</a>";
        var user = TestUser.Create("web");
        await fixture.Api.RegisterAsync(user);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await WebClientSteps.LogInAsync(page, user);

        await WebClientSteps.PostAsync(page, Body);

        var first = WebClientSteps.PostBodies(page).First;
        await Expect(first).ToHaveTextAsync(Body);
        Assert.Equal(Body, await first.TextContentAsync());
        Assert.Equal(0, await first.Locator("img, script, b, a").CountAsync());

        await page.ReloadAsync();
        await Expect(WebClientSteps.PostBodies(page).First).ToHaveTextAsync(Body);
        Assert.Equal(0, await page.Locator("#posts img, #posts script, #posts b").CountAsync());
        var injected = await page.EvaluateAsync<string?>("() => window.injected ?? null");
        Assert.Null(injected);
        await browser.SaveScreenshotAsync("html-as-text");
    }

    [BrowserFact]
    public async Task LongPostShowsFieldError()
    {
        var user = TestUser.Create("web");
        await fixture.Api.RegisterAsync(user);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await WebClientSteps.LogInAsync(page, user);

        await WebClientSteps.PostAsync(page, new string('a', 501));

        await Expect(page.Locator("#post-count")).ToHaveTextAsync("501 / 500, 1 too many");
        await Expect(page.Locator("#post-body-error")).ToHaveTextAsync("A post is 1 to 500 characters; it has 501.");
        await Expect(page.GetByLabel("New post")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [BrowserFact]
    public async Task CountMatchesServerTextElements()
    {
        // 500 thumbs-up emoji with a skin tone: two code points and four UTF-16 units each,
        // but one text element, so the server accepts the post.
        var body = string.Concat(Enumerable.Repeat("\U0001F44D\U0001F3FD", 500));
        var user = TestUser.Create("web");
        await fixture.Api.RegisterAsync(user);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await WebClientSteps.LogInAsync(page, user);

        await page.GetByLabel("New post").FillAsync("e\u0301\U0001F468\u200D\U0001F469\u200D\U0001F467!");
        await Expect(page.Locator("#post-count")).ToHaveTextAsync("3 / 500");

        await WebClientSteps.PostAsync(page, body);
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Posted.");
        await Expect(WebClientSteps.PostBodies(page).First).ToHaveTextAsync(body);
    }
}
