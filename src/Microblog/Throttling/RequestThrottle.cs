using System.Net;
using System.Threading.RateLimiting;
using Microblog.Accounts;

namespace Microblog.Throttling;

/// <summary>
/// Fixed-window rate limiters (System.Threading.RateLimiting) for logins, sign-ups and posts,
/// partitioned by account, by client address, or by both. The keys of a request are known
/// only once its body is read or its token verified, so the functions call these limiters
/// themselves rather than through the rate limiting middleware. Every login attempt takes a
/// permit before the password is checked, successful ones too, so that parallel guesses
/// cannot get past the limit before their failures are counted.
/// </summary>
internal sealed class RequestThrottle : IDisposable
{
    // Usernames longer than any valid one never match an account; capping the key keeps a
    // flood of long invented names from holding much memory.
    private const int MaxKeyLength = AccountRules.UsernameMaxLength + 1;

    // The interval at which PartitionedRateLimiter.Create replenishes its limiters
    // (System.Threading.RateLimiting 10.0).
    private static readonly TimeSpan ReplenishmentTick = TimeSpan.FromMilliseconds(100);

    private readonly PartitionedRateLimiter<string>? _loginPerAccountAndAddress;
    private readonly PartitionedRateLimiter<string>? _loginPerAccount;
    private readonly PartitionedRateLimiter<string>? _loginPerAddress;
    private readonly PartitionedRateLimiter<string>? _registerPerAddress;
    private readonly PartitionedRateLimiter<string>? _postPerAccount;

    public RequestThrottle(RateLimitOptions options)
    {
        options.Validate();
        _loginPerAccountAndAddress = Create(options.LoginPerAccountAndAddress);
        _loginPerAccount = Create(options.LoginPerAccount);
        _loginPerAddress = Create(options.LoginPerAddress);
        _registerPerAddress = Create(options.RegisterPerAddress);
        _postPerAccount = Create(options.PostPerAccount);
    }

    /// <summary>
    /// Takes a permit for a login attempt. The narrowest limit is tried first, so a client
    /// that is already throttled for one account stops using up that account's shared budget.
    /// </summary>
    public ThrottleDecision TryLogin(IPAddress? address, string username)
    {
        var account = AccountKey(username);
        var client = AddressKey(address);
        var decision = TryAcquire(_loginPerAccountAndAddress, $"{account} {client}",
            "Too many login attempts for this account from your address");
        if (!decision.IsAllowed)
        {
            return decision;
        }

        decision = TryAcquire(_loginPerAccount, account, "Too many login attempts for this account");
        if (!decision.IsAllowed)
        {
            return decision;
        }

        return TryAcquire(_loginPerAddress, client, "Too many login attempts from your address");
    }

    public ThrottleDecision TryRegister(IPAddress? address) =>
        TryAcquire(_registerPerAddress, AddressKey(address), "Too many sign-ups from your address");

    /// <summary>Takes a permit for a post by <paramref name="username"/>, the verified author.</summary>
    public ThrottleDecision TryPost(string username) =>
        TryAcquire(_postPerAccount, AccountKey(username), "Too many posts by this account");

    public void Dispose()
    {
        _loginPerAccountAndAddress?.Dispose();
        _loginPerAccount?.Dispose();
        _loginPerAddress?.Dispose();
        _registerPerAddress?.Dispose();
        _postPerAccount?.Dispose();
    }

    private static PartitionedRateLimiter<string>? Create(WindowLimit limit)
    {
        if (!limit.IsEnabled)
        {
            return null;
        }

        var options = new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        };
        return PartitionedRateLimiter.Create<string, string>(
            key => RateLimitPartition.GetFixedWindowLimiter(key, _ => options),
            StringComparer.Ordinal);
    }

    private static ThrottleDecision TryAcquire(PartitionedRateLimiter<string>? limiter, string key, string message)
    {
        if (limiter is null)
        {
            return ThrottleDecision.Allowed;
        }

        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return ThrottleDecision.Allowed;
        }

        // A fixed-window limiter reports the whole window, an upper bound of the time left. The
        // partitioned limiter starts new windows on a timer, which may fire up to one tick late.
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        retryAfter += ReplenishmentTick;
        var seconds = (long)Math.Ceiling(retryAfter.TotalSeconds);
        return new ThrottleDecision(false, retryAfter, $"{message}; retry in {seconds} seconds.");
    }

    private static string AccountKey(string username)
    {
        var folded = UserKeys.Fold(username);
        return folded.Length > MaxKeyLength ? folded[..MaxKeyLength] : folded;
    }

    /// <summary>
    /// Keys an IPv4 address by itself and an IPv6 address by its /64 prefix, because one
    /// subscriber is usually assigned a whole /64 and could otherwise rotate through its addresses.
    /// </summary>
    internal static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
