namespace Microblog.Browser.Tests.Infrastructure;

/// <summary>
/// Puts every browser test on one server and one Chromium, run one test at a time, so the
/// suite starts a single browser.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
