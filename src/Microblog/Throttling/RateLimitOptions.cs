namespace Microblog.Throttling;

/// <summary>
/// The request limits, bound from the <c>Microblog:RateLimits</c> configuration section
/// (environment variables <c>Microblog__RateLimits__LoginPerAccount__PermitLimit</c> and so on).
/// docs/security.md explains each default.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Microblog:RateLimits";

    /// <summary>Login attempts for one account from one client address.</summary>
    public WindowLimit LoginPerAccountAndAddress { get; set; } = WindowLimit.Of(10, TimeSpan.FromMinutes(15));

    /// <summary>Login attempts for one account from all addresses together.</summary>
    public WindowLimit LoginPerAccount { get; set; } = WindowLimit.Of(50, TimeSpan.FromMinutes(15));

    /// <summary>Login attempts from one client address for all accounts together.</summary>
    public WindowLimit LoginPerAddress { get; set; } = WindowLimit.Of(100, TimeSpan.FromMinutes(15));

    /// <summary>Sign-ups from one client address.</summary>
    public WindowLimit RegisterPerAddress { get; set; } = WindowLimit.Of(20, TimeSpan.FromHours(1));

    /// <summary>Posts by one account, the figure Mastodon uses for statuses.</summary>
    public WindowLimit PostPerAccount { get; set; } = WindowLimit.Of(300, TimeSpan.FromHours(3));

    /// <summary>Throws when a limit has a negative permit count or a window that is not positive.</summary>
    public void Validate()
    {
        Check(nameof(LoginPerAccountAndAddress), LoginPerAccountAndAddress);
        Check(nameof(LoginPerAccount), LoginPerAccount);
        Check(nameof(LoginPerAddress), LoginPerAddress);
        Check(nameof(RegisterPerAddress), RegisterPerAddress);
        Check(nameof(PostPerAccount), PostPerAccount);
    }

    private static void Check(string name, WindowLimit limit)
    {
        if (limit.PermitLimit < 0)
        {
            throw new InvalidOperationException(
                $"{SectionName}:{name}:PermitLimit must be 0 (off) or greater; it is {limit.PermitLimit}.");
        }

        if (limit.IsEnabled && limit.Window <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{SectionName}:{name}:Window must be a positive time span such as 00:15:00; it is {limit.Window}.");
        }
    }
}
