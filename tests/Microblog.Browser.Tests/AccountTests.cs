using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microblog.Browser.Tests.Infrastructure;
using Microblog.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Microblog.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class AccountTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task RegisterLogsNewUserIn()
    {
        var user = TestUser.Create("web");
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;

        await WebClientSteps.RegisterAsync(page, user);

        await Expect(page.Locator("#notice")).ToContainTextAsync($"Welcome, @{user.Username}!");
        await Expect(page.Locator("#signed-in-name")).ToHaveTextAsync(user.Username);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("New post")).ToBeVisibleAsync();
        var storedToken = await page.EvaluateAsync<string?>("() => JSON.parse(sessionStorage.getItem('microblog.session')).token");
        Assert.False(string.IsNullOrEmpty(storedToken));
        var cookies = await page.Context.CookiesAsync();
        Assert.Empty(cookies);
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task ShortPasswordShowsFieldError()
    {
        var user = TestUser.Create("web") with { Password = "short" };
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;

        await WebClientSteps.RegisterAsync(page, user);

        var password = page.Locator("#register-password");
        await Expect(page.Locator("#register-password-error"))
            .ToHaveTextAsync("password must be at least 8 characters long; it has 5.");
        await Expect(password).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(password).ToBeFocusedAsync();
        await Expect(page.Locator("#register-username")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await browser.SaveScreenshotAsync("register-field-error");
    }

    [BrowserFact]
    public async Task TakenUsernameShowsConflictMessage()
    {
        var user = TestUser.Create("web");
        await fixture.Api.RegisterAsync(user);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;

        await WebClientSteps.RegisterAsync(page, user with { Email = "other-" + user.Email });

        await Expect(page.Locator("#alert")).ToHaveTextAsync("Username or E-Mail already in use");
        await Expect(page.Locator("#signed-in")).ToBeHiddenAsync();
    }

    [BrowserFact]
    public async Task WrongPasswordShowsLoginError()
    {
        var user = TestUser.Create("web");
        await fixture.Api.RegisterAsync(user);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;

        await WebClientSteps.LogInAsync(page, user.Username, "not the password");

        await Expect(page.Locator("#alert")).ToHaveTextAsync("Invalid username/password");
        await Expect(page.Locator("#login-title")).ToBeVisibleAsync();
        await Expect(page.Locator("#signed-in")).ToBeHiddenAsync();
        await browser.SaveScreenshotAsync("login-error");

        await WebClientSteps.LogInAsync(page, user);
        await Expect(page.Locator("#notice")).ToHaveTextAsync($"Logged in as @{user.Username}.");
        await Expect(page.Locator("#alert")).ToBeEmptyAsync();
    }

    [BrowserFact]
    public async Task RepeatedWrongPasswordsShowRetryTime()
    {
        // A server of its own, because the shared one runs without rate limits. The 15-minute
        // window keeps the login locked for the whole test, however slow the machine is.
        await using var server = await MicroblogServer.StartAsync(
            "--Microblog:RateLimits:LoginPerAccountAndAddress:PermitLimit", "2",
            "--Microblog:RateLimits:LoginPerAccountAndAddress:Window", "00:15:00");
        var user = TestUser.Create("web");
        await new MicroblogClient(server.Client).RegisterAsync(user);
        await using var browser = await fixture.OpenAsync(server);
        var page = browser.Page;
        await page.GotoAsync("/#/login");
        var form = page.Locator("#login-form");
        await form.GetByLabel("Username").FillAsync(user.Username);
        await form.GetByLabel("Password").FillAsync("not the password");
        var logIn = form.GetByRole(AriaRole.Button, new() { Name = "Log in" });

        // The form keeps what was typed, so each click sends the same wrong password again.
        var statuses = new List<int>();
        IResponse? throttled = null;
        for (var attempt = 0; attempt < 5 && throttled is null; attempt++)
        {
            var response = await page.RunAndWaitForResponseAsync(
                () => logIn.ClickAsync(),
                r => r.Url.EndsWith("/function/login", StringComparison.Ordinal));
            statuses.Add(response.Status);
            throttled = response.Status == 429 ? response : null;
        }

        Assert.Equal([401, 401, 429], statuses);
        var detail = (await throttled!.JsonAsync())?.GetProperty("detail").GetString();
        Assert.StartsWith("Too many login attempts", detail, StringComparison.Ordinal);
        var retryAfter = await throttled.HeaderValueAsync("Retry-After");
        Assert.NotNull(retryAfter);
        var seconds = int.Parse(retryAfter, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 60, 15 * 60 + 1);
        Assert.EndsWith($"; retry in {seconds} seconds.", detail, StringComparison.Ordinal);

        // The server's message states the wait, so the page adds only the clock time.
        var alert = page.Locator("#alert");
        await Expect(alert).ToHaveTextAsync(new Regex($"^{Regex.Escape(detail!)} You can try again at .+\\.$"));
        var alertText = await alert.TextContentAsync();
        Assert.Single(Regex.Matches(alertText!, $"{seconds} seconds"));
        await Expect(logIn).ToBeDisabledAsync();
        await Expect(page.Locator("#signed-in")).ToBeHiddenAsync();
        Assert.Empty(browser.Errors);
        await browser.SaveScreenshotAsync("login-throttled");
    }

    [BrowserFact]
    public async Task LogOutForgetsToken()
    {
        var user = TestUser.Create("web");
        await fixture.Api.RegisterAsync(user);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await WebClientSteps.LogInAsync(page, user);

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await Expect(page.Locator("#notice")).ToHaveTextAsync("Logged out.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in", Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.GetByLabel("New post")).ToBeHiddenAsync();
        var stored = await page.EvaluateAsync<string?>("() => sessionStorage.getItem('microblog.session')");
        Assert.Null(stored);
    }

    [BrowserFact]
    public async Task ExpiredTokenSendsToLogin()
    {
        var user = TestUser.Create("web");
        await fixture.Api.RegisterAsync(user);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await WebClientSteps.LogInAsync(page, user);

        // Swap in a token signed by the server's own key that expired an hour ago.
        using var key = TestTokens.ReadServerKey(fixture.Server.DataDirectory);
        var issuedAt = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        var expired = TestTokens.SignRs256(
            new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" },
            TestTokens.Payload(user.Username, issuedAt, lifetimeSeconds: 3600),
            key);
        await page.EvaluateAsync(
            """
            token => {
              const session = JSON.parse(sessionStorage.getItem('microblog.session'));
              sessionStorage.setItem('microblog.session', JSON.stringify({ ...session, token }));
            }
            """,
            expired);
        await WebClientSteps.PostAsync(page, "This post needs a valid token");

        await Expect(page.Locator("#login-title")).ToBeVisibleAsync();
        await Expect(page.Locator("#login-title")).ToBeFocusedAsync();
        await Expect(page.Locator("#alert")).ToContainTextAsync("Invalid token: it expired at");
        await Expect(page.Locator("#alert")).ToContainTextAsync("log in again");
        await Expect(page.Locator("#signed-in")).ToBeHiddenAsync();
        var stored = await page.EvaluateAsync<string?>("() => sessionStorage.getItem('microblog.session')");
        Assert.Null(stored);
        await browser.SaveScreenshotAsync("session-expired");
    }
}
