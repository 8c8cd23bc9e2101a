using System.Net;
using Microblog.Browser.Tests.Infrastructure;
using Microblog.Tests.Infrastructure;
using Microblog.Validation;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Microblog.Browser.Tests;

/// <summary>Post bodies that the server accepts but that stretch what a page can show.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PostBodyTests(BrowserFixture fixture)
{
    // One text element with 7,999 combining acute accents: within both of the server's caps,
    // and in a font that stacks marks it paints a column of accents thousands of pixels high.
    private static readonly string MarkStack = "a" + new string('\u0301', 7999);

    // The server stores the NFC form, in which "a" and the first accent become "á".
    private static readonly string MarkStackStored = UnicodeNormalization.ToFormC(MarkStack);

    private const string Ordinary = "Accents, emoji and a long word: naïve café, Ǻngström, Việt, "
        + "\U0001F44D\U0001F3FD \U0001F468\u200D\U0001F469\u200D\U0001F467 "
        + "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellerinnungsverbandsvorsitzender";

    [BrowserFact]
    public async Task MarkStackStaysInsideItsPost()
    {
        var user = TestUser.Create("web");
        var token = await fixture.Api.RegisterAndLoginAsync(user);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Api.AddPostAsync(token, "The post below")).Status);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Api.AddPostAsync(token, MarkStack)).Status);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Api.AddPostAsync(token, Ordinary)).Status);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/user/{user.Username}");
        await Expect(WebClientSteps.Posts(page)).ToHaveCountAsync(3);
        var stack = WebClientSteps.PostBodies(page).Nth(1);
        // Compared as a Boolean, because a failed comparison would print 8,000 accents.
        var stackText = await stack.TextContentAsync();
        Assert.True(MarkStackStored == stackText, "The middle post shows other text.");
        await browser.SaveScreenshotAsync("mark-stack");

        // The accents rise from the middle post over the newest post and the header. What
        // those show must not change when the middle post's body is hidden.
        var header = page.Locator(".site-header");
        var newest = WebClientSteps.Posts(page).First;
        var headerShown = await header.ScreenshotAsync();
        var newestShown = await newest.ScreenshotAsync();
        await stack.EvaluateAsync("body => { body.style.visibility = 'hidden'; }");

        var headerHidden = await header.ScreenshotAsync();
        var newestHidden = await newest.ScreenshotAsync();

        Assert.True(headerShown.SequenceEqual(headerHidden), "The accents paint over the header.");
        Assert.True(newestShown.SequenceEqual(newestHidden), "The accents paint over the newest post.");
    }

    [BrowserFact]
    public async Task OrdinaryPostShowsInFull()
    {
        var user = TestUser.Create("web");
        var token = await fixture.Api.RegisterAndLoginAsync(user);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Api.AddPostAsync(token, Ordinary)).Status);
        await using var browser = await fixture.OpenAsync(width: 360, height: 800);
        var page = browser.Page;
        await page.GotoAsync($"/#/user/{user.Username}");
        var body = WebClientSteps.PostBodies(page).First;
        await Expect(body).ToHaveTextAsync(Ordinary);

        // The long word wraps inside the list instead of running past the screen's edge.
        var bodyBox = await body.BoundingBoxAsync();
        var listBox = await page.Locator("#posts").BoundingBoxAsync();
        Assert.NotNull(bodyBox);
        Assert.NotNull(listBox);
        Assert.True(bodyBox.X + bodyBox.Width <= listBox.X + listBox.Width + 0.5, $"The body is {bodyBox.Width}px wide.");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - innerWidth"));

        // Clipping the body must cut nothing from ordinary text: the post looks the same
        // with the clip turned off.
        var post = WebClientSteps.Posts(page).First;
        var clipped = await post.ScreenshotAsync();
        await body.EvaluateAsync("body => { body.style.overflow = 'visible'; }");

        var unclipped = await post.ScreenshotAsync();

        Assert.True(clipped.SequenceEqual(unclipped), "The clip cuts off part of the post.");
        await browser.SaveScreenshotAsync("ordinary-post-phone");
    }

    [BrowserFact]
    public async Task CodeUnitCapShowsFieldError()
    {
        // 499 characters, the last one carrying 8,000 combining marks: 8,499 UTF-16 code units.
        var body = new string('x', 499) + new string('\u0301', 8000);
        var user = TestUser.Create("web");
        await fixture.Api.RegisterAsync(user);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await WebClientSteps.LogInAsync(page, user);
        var sent = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/function/add-post", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref sent);
            }
        };
        const string Message = "A post is at most 8,000 UTF-16 code units; it has 8,499. "
            + "Accents and emoji take several per character.";

        await page.GetByLabel("New post").FillAsync(body);

        await Expect(page.Locator("#post-count")).ToHaveTextAsync("499 / 500");
        await Expect(page.Locator("#post-count")).ToHaveClassAsync("count over");
        await Expect(page.Locator("#post-body-error")).ToHaveTextAsync(Message);
        await Expect(page.GetByLabel("New post")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Your post is over 8,000 UTF-16 code units.");
        await browser.SaveScreenshotAsync("code-unit-cap");

        await page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();

        await Expect(page.Locator("#post-body-error")).ToHaveTextAsync(Message);
        await Expect(page.GetByLabel("New post")).ToBeFocusedAsync();
        Assert.Equal(0, sent);
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task CodeUnitCapCountsAfterNormalization()
    {
        // 8,001 code units as typed, but NFC joins "e" and the first accent into "é", so the
        // server counts 8,000 and accepts the post.
        var body = "e" + new string('\u0301', 8000);
        var stored = "\u00E9" + new string('\u0301', 7999);
        var user = TestUser.Create("web");
        await fixture.Api.RegisterAsync(user);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await WebClientSteps.LogInAsync(page, user);
        await page.GetByLabel("New post").FillAsync(body + "\u0301");
        await Expect(page.Locator("#post-body-error")).Not.ToBeEmptyAsync();

        await WebClientSteps.PostAsync(page, body);

        await Expect(page.Locator("#post-body-error")).ToBeEmptyAsync();
        await Expect(page.GetByLabel("New post")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Posted.");
        await Expect(WebClientSteps.Posts(page).First.Locator(".author")).ToHaveTextAsync($"@{user.Username}");
        var postText = await WebClientSteps.PostBodies(page).First.TextContentAsync();
        Assert.True(stored == postText, "The new post shows other text.");
    }
}
