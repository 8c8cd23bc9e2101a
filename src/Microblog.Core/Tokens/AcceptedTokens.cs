using System.Collections.Concurrent;

namespace Microblog.Tokens;

/// <summary>
/// Tokens that passed every check, with their lifetime. The checks depend only on the token
/// and on the key ring, which stays fixed for the life of the process, so a token that verified
/// once verifies again until it expires. A hit skips the RSA signature verification, which is
/// most of the cost of validating. The lifetime is still checked on every use.
/// </summary>
internal sealed class AcceptedTokens
{
    // About 2 KiB a token at most (8 KiB tokens are rare), so a few MiB at most.
    private const int MaxEntries = 2048;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string token, DateTime utcNow, TimeSpan clockSkew, out TokenValidation validation)
    {
        if (_entries.TryGetValue(token, out var entry))
        {
            if (utcNow < entry.ValidTo + clockSkew && utcNow >= entry.ValidFrom - clockSkew)
            {
                validation = entry.Validation;
                return true;
            }

            // Expired or not yet valid: the full check runs and names the reason.
            _entries.TryRemove(token, out _);
        }

        validation = null!;
        return false;
    }

    public void Add(string token, TokenValidation validation, DateTime validFrom, DateTime validTo)
    {
        // Bounded without bookkeeping: a full cache starts over.
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[token] = new Entry(validation, validFrom, validTo);
    }

    private sealed record Entry(TokenValidation Validation, DateTime ValidFrom, DateTime ValidTo);
}
