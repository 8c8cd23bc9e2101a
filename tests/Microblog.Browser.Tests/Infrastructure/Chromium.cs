namespace Microblog.Browser.Tests.Infrastructure;

/// <summary>
/// Finds the machine's Chromium (Debian's <c>chromium</c> package), which Playwright drives
/// in place of a browser build of its own.
/// </summary>
public static class Chromium
{
    /// <summary>Names a Chromium executable that overrides the search, such as a local build.</summary>
    public const string PathVariable = "MICROBLOG_CHROMIUM";

    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    public static string? ExecutablePath { get; } = Find();

    public static string SkipReason =>
        $"No Chromium found at {string.Join(" or ", KnownPaths)} and {PathVariable} is not set; "
        + "install it with 'apt-get install -y chromium' to run the browser tests.";

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return KnownPaths.FirstOrDefault(File.Exists);
    }
}
