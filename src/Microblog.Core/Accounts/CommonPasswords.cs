using System.Collections.Frozen;

namespace Microblog.Accounts;

/// <summary>
/// The most common passwords of at least eight characters, from the published top lists of
/// leaked-password corpora. Shorter ones fail the length rule anyway. Matching ignores case.
/// </summary>
public static class CommonPasswords
{
    private static readonly FrozenSet<string> Passwords = Load();

    public static bool Contains(string password) => Passwords.Contains(password);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly
            .GetManifestResourceStream("Microblog.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);

        var passwords = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                passwords.Add(line);
            }
        }

        return passwords.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
