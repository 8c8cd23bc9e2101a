using System.Net;
using System.Net.Http.Headers;
using Microblog.Browser.Tests.Infrastructure;
using Microblog.WebClient;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Microblog.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class PageTests(BrowserFixture fixture)
{
    private const string ExpectedPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        + "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    [BrowserFact]
    public async Task PageSendsSecurityHeaders()
    {
        await using var browser = await fixture.OpenAsync();

        var response = await browser.Page.GotoAsync("/");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        var headers = await response.AllHeadersAsync();
        Assert.Equal(ExpectedPolicy, headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        await Expect(browser.Page.Locator("#timeline-title")).ToHaveTextAsync("Timeline");
        Assert.Empty(browser.Errors);
    }

    [Theory]
    [InlineData("/", "text/html; charset=utf-8")]
    [InlineData("/app.js", "text/javascript; charset=utf-8")]
    [InlineData("/style.css", "text/css; charset=utf-8")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task AssetsRevalidateWithETag(string path, string contentType)
    {
        var first = await fixture.Server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(contentType, first.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        var second = await fixture.Server.Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/index.html")]
    [InlineData("/app.js/")]
    [InlineData("/api/anything")]
    public async Task OtherPathsKeepJsonNotFound(string path)
    {
        var response = await fixture.Api.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("application/problem+json", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No route for", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServedFilesStayUnder100KB()
    {
        var paths = WebAssetCatalog.Assets.Keys.Order(StringComparer.Ordinal).ToList();
        long total = 0;
        foreach (var path in paths)
        {
            var bytes = await fixture.Server.Client.GetByteArrayAsync(path);
            total += bytes.Length;
        }

        Assert.Equal(["/", "/api.js", "/app.js", "/favicon.svg", "/messages.js", "/session.js", "/style.css",
            "/text.js", "/timeline.js"], paths);
        Assert.InRange(total, 1, 100 * 1024);
    }

    [BrowserFact]
    public async Task RetryAfterAcceptsHttpDate()
    {
        // Retry-After may also be an HTTP date (RFC 9110). The microblog server
        // always sends seconds, so the date form is checked by calling the page's parser.
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync("/#/login");

        var seconds = await page.EvaluateAsync<int?[]>(
            """
            async () => {
              const { parseRetryAfter } = await import('/api.js');
              const now = Date.UTC(2015, 9, 21, 7, 28, 0);
              return [
                parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now),
                parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now),
                parseRetryAfter('not a date', now),
              ];
            }
            """);

        Assert.Equal([30, 0, null], seconds);
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task RetryNoticeStatesWaitOnce()
    {
        // A proxy in front of the functions may send a 429 whose message gives no wait, so the
        // page adds the seconds itself. Both cases are checked by calling the page's function.
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync("/#/login");

        var texts = await page.EvaluateAsync<string[]>(
            """
            async () => {
              const { showRetryLater } = await import('/messages.js');
              const alert = document.getElementById('alert');
              showRetryLater(null, { message: 'Too many posts; retry in 30 seconds.', retryAfterSeconds: 30 });
              const stated = alert.textContent;
              showRetryLater(null, { message: 'Rate limit exceeded.', retryAfterSeconds: 30 });
              return [stated, alert.textContent];
            }
            """);

        Assert.Matches(@"^Too many posts; retry in 30 seconds\. You can try again at .+\.$", texts[0]);
        Assert.Matches(@"^Rate limit exceeded\. Try again in 30 seconds \(at .+\)\.$", texts[1]);
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task PhoneWidthNeedsNoSideScrolling()
    {
        await using var browser = await fixture.OpenAsync(width: 360, height: 740);
        var page = browser.Page;

        await page.GotoAsync("/#/register");
        await Expect(page.Locator("#register-title")).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<int>(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.Equal(0, overflow);
        await browser.SaveScreenshotAsync("register-phone");
    }

    [BrowserFact]
    public async Task KeyboardReachesSkipLinkFirst()
    {
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("#timeline-title")).ToHaveTextAsync("Timeline");

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main")).ToBeFocusedAsync();
        Assert.DoesNotContain("#main", page.Url, StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.textContent");
        Assert.Equal("Log in", focused);
    }
}
