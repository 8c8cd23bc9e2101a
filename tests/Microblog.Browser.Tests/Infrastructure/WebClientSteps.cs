using Microblog.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Microblog.Browser.Tests.Infrastructure;

/// <summary>What a person does in the web client, step by step, through its labels and buttons.</summary>
public static class WebClientSteps
{
    public static async Task RegisterAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/#/register");
        var form = page.Locator("#register-form");
        await form.GetByLabel("Username").FillAsync(user.Username);
        await form.GetByLabel("Password").FillAsync(user.Password);
        await form.GetByLabel("E-mail").FillAsync(user.Email);
        await form.GetByLabel("First name").FillAsync(user.FirstName);
        await form.GetByLabel("Last name").FillAsync(user.LastName);
        await form.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
    }

    public static async Task LogInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/#/login");
        var form = page.Locator("#login-form");
        await form.GetByLabel("Username").FillAsync(username);
        await form.GetByLabel("Password").FillAsync(password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>Logs in through the form and waits until the timeline shows the user as signed in.</summary>
    public static async Task LogInAsync(IPage page, TestUser user)
    {
        await LogInAsync(page, user.Username, user.Password);
        await Expect(page.Locator("#signed-in-name")).ToHaveTextAsync(user.Username);
    }

    public static async Task PostAsync(IPage page, string body)
    {
        await page.GetByLabel("New post").FillAsync(body);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
    }

    public static ILocator Posts(IPage page) => page.Locator("#posts > li");

    public static ILocator PostBodies(IPage page) => page.Locator("#posts .body");
}
