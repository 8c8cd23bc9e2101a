using System.Collections.Concurrent;

namespace Microblog.Functions;

/// <summary>The list-posts parameters as the client sent them, which select one page.</summary>
internal readonly record struct PageKey(string? Username, int? Offset, int? Limit, long? Before);

/// <summary>
/// Serialized list-posts pages, each stored with the store version it was read under. A page
/// is served from here only while the store still reports that version, so it is never staler
/// than a fresh query: any committed post or user changes the version.
/// </summary>
internal sealed class PostPageCache
{
    private const int MaxEntries = 256;

    private readonly ConcurrentDictionary<PageKey, (long Version, byte[] Body)> _pages = new();

    public bool TryGet(PageKey key, long version, out byte[] body)
    {
        if (_pages.TryGetValue(key, out var entry) && entry.Version == version)
        {
            body = entry.Body;
            return true;
        }

        body = [];
        return false;
    }

    public void Set(PageKey key, long version, byte[] body)
    {
        // Bounded without bookkeeping: a full cache starts over, since after a write every
        // entry is outdated anyway.
        if (_pages.Count >= MaxEntries)
        {
            _pages.Clear();
        }

        _pages[key] = (version, body);
    }
}
