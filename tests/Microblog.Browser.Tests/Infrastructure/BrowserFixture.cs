using Microblog.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Microblog.Browser.Tests.Infrastructure;

/// <summary>
/// One real <c>microblog serve</c> and one headless Chromium, shared by all browser tests.
/// Each test opens its own browser context, so storage and cookies start empty. The server's
/// rate limits are off, because the tests sign up many users from one loopback address.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // Keeps Chromium quiet and local: no GPU, no QUIC, no update or sync traffic.
    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private MicroblogServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public MicroblogServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public MicroblogClient Api => new(Server.Client);

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        _server = await MicroblogServer.StartAsync([.. MicroblogServer.WithoutRateLimits]);
        if (Chromium.ExecutablePath is null)
        {
            return;
        }

        // Launch gives every browser a new temporary profile and deletes it on close.
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    /// <summary>Opens a page in a new context whose relative URLs resolve against the shared server.</summary>
    public Task<BrowserPage> OpenAsync(int width = 1024, int height = 800) => OpenAsync(Server, width, height);

    /// <summary>Opens a page in a new context whose relative URLs resolve against <paramref name="server"/>.</summary>
    public async Task<BrowserPage> OpenAsync(MicroblogServer server, int width = 1024, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(10_000);
        return await BrowserPage.CreateAsync(context);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
