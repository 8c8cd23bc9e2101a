using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microblog.Gateway;
using Microblog.Http;
using Microblog.Tokens;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microblog.Hosting;

/// <summary>
/// The <c>microblog keys</c> commands. They write the two secrets in the form deployments read:
/// <c>private_key</c> is base64 of one PEM private key, <c>public_key</c> base64 of one or more
/// PEM public keys, all of which validate tokens.
/// </summary>
internal static class KeyCommands
{
    public const string Usage = """
          keys create [--out DIR]
              Create a 2048-bit RSA key pair. Prints the private_key and public_key secrets
              (base64 of PEM), or writes them as files named private_key and public_key to DIR.
          keys public [--data DIR]
              Print the configured signing key's public key as PEM and all trusted public keys
              as a JWKS document.
          keys rotate [--out DIR] [--data DIR]
              Create a new signing key. The new public_key holds the new public key and every
              public key trusted now, so tokens signed by the old key stay valid until their
              public key is removed from public_key.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length == 0 ? "" : args[0];
        var configuration = ReadConfiguration(args.Skip(1).ToArray());
        switch (command)
        {
            case "create":
                using (var key = RSA.Create(2048))
                {
                    await WriteSecretsAsync(configuration["out"], key, [key]);
                }

                return 0;
            case "public":
                PrintPublic(LoadKeyRing(configuration));
                return 0;
            case "rotate":
                var current = LoadKeyRing(configuration);
                using (var key = RSA.Create(2048))
                {
                    var trusted = new List<RSA> { key };
                    trusted.AddRange(current.ValidationKeys.Select(k => k.Rsa));
                    await WriteSecretsAsync(configuration["out"], key, trusted);
                }

                await Console.Error.WriteLineAsync(
                    $"Signing key {current.SigningKey.KeyId} is rotated out. Update both secrets; remove its "
                    + "public key from public_key once the tokens it signed have expired (4 hours).");
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown keys command '{command}'; use create, public or rotate.");
                return 2;
        }
    }

    private static IConfiguration ReadConfiguration(string[] args) =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .AddSecretFilesFirst(Environment.GetEnvironmentVariable(SecretFiles.DirectorySetting))
            .Build();

    private static KeyRing LoadKeyRing(IConfiguration configuration) =>
        KeyRingLoader.Load(configuration, Path.GetFullPath(configuration["data"] ?? "data"), NullLogger.Instance);

    private static async Task WriteSecretsAsync(string? directory, RSA signingKey, IEnumerable<RSA> trustedKeys)
    {
        var privateKey = Base64(signingKey.ExportPkcs8PrivateKeyPem());
        var publicKey = Base64(string.Join('\n', trustedKeys.Select(k => k.ExportSubjectPublicKeyInfoPem())));
        if (string.IsNullOrEmpty(directory))
        {
            Console.WriteLine($"{KeyRingLoader.PrivateKeySetting}={privateKey}");
            Console.WriteLine($"{KeyRingLoader.PublicKeySetting}={publicKey}");
            return;
        }

        Directory.CreateDirectory(directory);
        var privatePath = Path.Combine(directory, KeyRingLoader.PrivateKeySetting);
        var publicPath = Path.Combine(directory, KeyRingLoader.PublicKeySetting);
        await WriteFileAsync(privatePath, privateKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await WriteFileAsync(publicPath, publicKey,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Console.WriteLine($"Wrote {privatePath} and {publicPath} (signing key {KeyRing.ComputeKeyId(signingKey)}).");
        Console.WriteLine($"faas-cli secret create {KeyRingLoader.PrivateKeySetting} --from-file={privatePath}");
        Console.WriteLine($"faas-cli secret create {KeyRingLoader.PublicKeySetting} --from-file={publicPath}");
    }

    private static async Task WriteFileAsync(string path, string content, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        await using var writer = new StreamWriter(path, Encoding.ASCII, options);
        await writer.WriteAsync(content);
    }

    private static void PrintPublic(KeyRing ring)
    {
        Console.WriteLine(ring.SigningKey.Rsa.ExportSubjectPublicKeyInfoPem());
        Console.WriteLine(JsonSerializer.Serialize(
            JsonWebKeySetDocument.From(ring), ApiJsonContext.Wire.JsonWebKeySetDocument));
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
}
