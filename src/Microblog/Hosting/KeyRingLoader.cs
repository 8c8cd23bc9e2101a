using System.Security.Cryptography;
using System.Text;
using Microblog.Tokens;

namespace Microblog.Hosting;

/// <summary>
/// Loads the signing key and the trusted public keys. The private key comes from the
/// <c>private_key</c> setting (base64 of a PEM key, as earlier deployments set it) or from
/// <c>keys/private-key.pem</c> in the data folder, which is created on first start and readable
/// by its owner only. The <c>public_key</c> setting (base64 of one or more PEM public keys) adds
/// keys that are trusted for validation too.
/// </summary>
internal static class KeyRingLoader
{
    public const string PrivateKeySetting = "private_key";
    public const string PublicKeySetting = "public_key";
    public const string PrivateKeyFileName = "private-key.pem";

    public static KeyRing Load(IConfiguration configuration, string dataDirectory, ILogger logger)
    {
        var configured = configuration[PrivateKeySetting];
        RSA signingKey;
        string source;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            signingKey = ImportPrivateKey(DecodePem(configured, PrivateKeySetting), PrivateKeySetting);
            source = $"the {PrivateKeySetting} setting";
        }
        else
        {
            var path = Path.Combine(dataDirectory, "keys", PrivateKeyFileName);
            signingKey = LoadOrCreate(path, logger);
            source = path;
        }

        var publicKeys = ReadPublicKeys(configuration[PublicKeySetting]);
        var ring = new KeyRing(signingKey, publicKeys);
        Log.KeysLoaded(logger, ring.SigningKey.KeyId, source, ring.ValidationKeys.Count);
        return ring;
    }

    /// <summary>Accepts base64 of PEM text, or PEM text itself.</summary>
    public static string DecodePem(string value, string setting)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            return trimmed;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(trimmed));
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException(
                $"The {setting} setting is neither PEM text nor base64 of PEM text.", exception);
        }
    }

    public static IReadOnlyList<RSA> ReadPublicKeys(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return [];
        }

        var pem = DecodePem(configured, PublicKeySetting);
        var keys = new List<RSA>();
        foreach (var block in SplitPemBlocks(pem))
        {
            var key = RSA.Create();
            try
            {
                key.ImportFromPem(block);
            }
            catch (ArgumentException exception)
            {
                key.Dispose();
                throw new InvalidOperationException(
                    $"The {PublicKeySetting} setting contains a PEM block that is not an RSA key.", exception);
            }

            keys.Add(key);
        }

        return keys;
    }

    private static RSA LoadOrCreate(string path, ILogger logger)
    {
        if (File.Exists(path))
        {
            return ImportPrivateKey(File.ReadAllText(path), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RSA.Create(2048);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, Encoding.ASCII, options))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        try
        {
            // A second process starting at the same moment may have created the key first; then
            // both use that one.
            File.Move(temporary, path, overwrite: false);
            Log.KeyCreated(logger, path);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            key.Dispose();
            return ImportPrivateKey(File.ReadAllText(path), path);
        }
        finally
        {
            // A failed move must not leave a copy of a private key behind.
            File.Delete(temporary);
        }
    }

    private static RSA ImportPrivateKey(string pem, string source)
    {
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(pem);
            key.ExportParameters(includePrivateParameters: true);
            return key;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException($"No RSA private key could be read from {source}.", exception);
        }
    }

    private static IEnumerable<string> SplitPemBlocks(string pem)
    {
        const string End = "-----END ";
        var start = pem.IndexOf("-----BEGIN ", StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = pem.IndexOf(End, start, StringComparison.Ordinal);
            if (end < 0)
            {
                yield break;
            }

            var lineEnd = pem.IndexOf("-----", end + End.Length, StringComparison.Ordinal);
            var blockEnd = lineEnd < 0 ? pem.Length : lineEnd + 5;
            yield return pem[start..blockEnd];
            start = pem.IndexOf("-----BEGIN ", blockEnd, StringComparison.Ordinal);
        }
    }
}
