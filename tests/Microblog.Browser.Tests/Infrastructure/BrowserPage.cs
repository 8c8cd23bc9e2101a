using Microsoft.Playwright;

namespace Microblog.Browser.Tests.Infrastructure;

/// <summary>
/// A page of the web client in its own browser context, recording the console errors and
/// uncaught exceptions it raises (a Content-Security-Policy violation is one).
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add(error);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Console errors so far, apart from failed requests that the test caused on purpose.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.Where(e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal)).ToList();
            }
        }
    }

    public static async Task<BrowserPage> CreateAsync(IBrowserContext context) =>
        new(context, await context.NewPageAsync());

    /// <summary>Saves a PNG of the whole page under artifacts/screenshots for the CI artifacts.</summary>
    public Task SaveScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Screenshots.Directory, name + ".png"),
            FullPage = true,
        });

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
