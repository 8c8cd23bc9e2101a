namespace Microblog.Throttling;

/// <summary>
/// A fixed-window limit: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>
/// for one key. A <see cref="PermitLimit"/> of 0 turns the limit off.
/// </summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public bool IsEnabled => PermitLimit > 0;

    public static WindowLimit Of(int permitLimit, TimeSpan window) =>
        new() { PermitLimit = permitLimit, Window = window };
}
