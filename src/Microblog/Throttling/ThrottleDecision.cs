namespace Microblog.Throttling;

/// <summary>Whether a request may go ahead and, when it may not, how long the client should wait.</summary>
internal readonly record struct ThrottleDecision(bool IsAllowed, TimeSpan RetryAfter, string Message)
{
    public static ThrottleDecision Allowed { get; } = new(true, TimeSpan.Zero, "");
}
