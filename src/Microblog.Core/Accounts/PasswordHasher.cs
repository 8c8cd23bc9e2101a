using System.Security.Cryptography;
using System.Text;
using Geralt;

namespace Microblog.Accounts;

/// <summary>The outcome of checking a password against a stored hash.</summary>
public enum PasswordCheck
{
    Mismatch,
    Match,

    /// <summary>The password matches a legacy or weaker hash that should be replaced.</summary>
    MatchNeedsRehash,
}

/// <summary>
/// Hashes passwords with Argon2id (libsodium through Geralt) in PHC string form, and verifies
/// both those hashes and the unsalted SHA-256 hex digests of earlier deployments.
/// </summary>
/// <remarks>
/// Each Argon2id computation takes 19 MiB of memory and a core for its whole run, so at most
/// one runs per core and further requests wait their turn. Without that bound a burst of
/// logins would allocate 19 MiB per concurrent request and thrash the CPU caches, which
/// lowers throughput instead of raising it.
/// </remarks>
public sealed class PasswordHasher : IDisposable
{
    /// <summary>OWASP's minimum for Argon2id: 19 MiB of memory, 2 iterations, 1 lane.</summary>
    public const int DefaultMemoryKibibytes = 19_456;

    public const int DefaultIterations = 2;

    private const int Sha256HexLength = 64;

    private readonly int _iterations;
    private readonly int _memoryBytes;
    private readonly string _dummyHash;
    private readonly SemaphoreSlim _gate = new(Environment.ProcessorCount, Environment.ProcessorCount);

    public PasswordHasher(
        int iterations = DefaultIterations, int memoryKibibytes = DefaultMemoryKibibytes)
    {
        _iterations = iterations;
        _memoryBytes = memoryKibibytes * 1024;
        _dummyHash = ComputeHash(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
    }

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return ComputeHash(password);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Checks a password against a stored hash. A legacy SHA-256 digest or an unknown format
    /// costs one dummy Argon2id verification as well, so a wrong password takes as long for
    /// such an account as for any other and its timing does not reveal that the account exists.
    /// </summary>
    public async Task<PasswordCheck> VerifyAsync(string storedHash, string password, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Verify(storedHash, password);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs one verification of the same cost as for a real account, so that a login for an
    /// unknown user takes as long as one with a wrong password.
    /// </summary>
    public async Task VerifyAgainstDummyAsync(string password, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            VerifyAgainstDummy(password);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private string ComputeHash(string password)
    {
        Span<char> hash = stackalloc char[Argon2id.HashSize];
        Argon2id.ComputeHash(hash, Encoding.UTF8.GetBytes(Normalize(password)), _iterations, _memoryBytes);
        return new string(hash.TrimEnd('\0'));
    }

    private PasswordCheck Verify(string storedHash, string password)
    {
        if (IsLegacySha256(storedHash))
        {
            VerifyAgainstDummy(password);
            return VerifyLegacySha256(storedHash, password)
                ? PasswordCheck.MatchNeedsRehash
                : PasswordCheck.Mismatch;
        }

        if (!storedHash.StartsWith("$argon2id$", StringComparison.Ordinal))
        {
            VerifyAgainstDummy(password);
            return PasswordCheck.Mismatch;
        }

        if (!Argon2id.VerifyHash(storedHash, Encoding.UTF8.GetBytes(Normalize(password))))
        {
            return PasswordCheck.Mismatch;
        }

        return Argon2id.NeedsRehash(storedHash, _iterations, _memoryBytes)
            ? PasswordCheck.MatchNeedsRehash
            : PasswordCheck.Match;
    }

    private void VerifyAgainstDummy(string password) =>
        Argon2id.VerifyHash(_dummyHash, Encoding.UTF8.GetBytes(Normalize(password)));

    private static bool IsLegacySha256(string storedHash) =>
        storedHash.Length == Sha256HexLength && storedHash.All(char.IsAsciiHexDigit);

    // Earlier deployments stored SHA-256 of the raw UTF-8 password, without normalization.
    private static bool VerifyLegacySha256(string storedHash, string password)
    {
        var expected = Convert.FromHexString(storedHash);
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    // NIST SP 800-63B recommends NFKC or NFKD, so a password typed on another keyboard or
    // system that composes characters differently still matches.
    // Text that is not valid UTF-16 cannot be normalized and is hashed as it is.
    private static string Normalize(string password) =>
        Validation.TextRules.HasInvalidUnicode(password) ? password : Validation.UnicodeNormalization.ToFormKC(password);
}
