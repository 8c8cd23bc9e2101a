namespace Microblog.Browser.Tests.Infrastructure;

/// <summary>A test that needs Chromium; it is reported as skipped, with the reason, when none is found.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.ExecutablePath is null)
        {
            Skip = Chromium.SkipReason;
        }
    }
}
