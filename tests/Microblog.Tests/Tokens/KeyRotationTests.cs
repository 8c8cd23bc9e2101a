using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Tokens;

/// <summary>The <c>microblog keys</c> commands and a signing key rotation with them.</summary>
public sealed class KeyRotationTests : IDisposable
{
    private readonly string _secrets = Directory.CreateTempSubdirectory("microblog-keys-").FullName;

    [Fact]
    public async Task RotatedOutKeyValidatesUntilRemoved()
    {
        var first = Path.Combine(_secrets, "first");
        var second = Path.Combine(_secrets, "second");
        Assert.Equal(0, (await MicroblogChildProcess.RunAsync(["keys", "create", "--out", first])).ExitCode);
        var firstSecrets = ReadSecrets(first);

        string oldToken;
        await using (var before = await MicroblogServer.StartAsync("--private_key", firstSecrets.PrivateKey))
        {
            oldToken = await new MicroblogClient(before.Client).RegisterAndLoginAsync(TestUser.Create("rotate"));
        }

        var rotated = await MicroblogChildProcess.RunAsync(
            ["keys", "rotate", "--out", second],
            new Dictionary<string, string> { ["private_key"] = firstSecrets.PrivateKey });
        Assert.Equal(0, rotated.ExitCode);
        var secondSecrets = ReadSecrets(second);
        Assert.Equal(2, Encoding.ASCII.GetString(Convert.FromBase64String(secondSecrets.PublicKey))
            .Split("BEGIN PUBLIC KEY").Length - 1);

        await using (var after = await MicroblogServer.StartAsync(
            "--private_key", secondSecrets.PrivateKey, "--public_key", secondSecrets.PublicKey))
        {
            var api = new MicroblogClient(after.Client);
            Assert.Equal(HttpStatusCode.OK, (await api.InvokeAsync("validate-jwt", oldToken)).Status);
            var newToken = await api.RegisterAndLoginAsync(TestUser.Create("rotate"));
            Assert.NotEqual(TestTokens.DecodeSegment(oldToken, 0)["kid"]!.GetValue<string>(),
                TestTokens.DecodeSegment(newToken, 0)["kid"]!.GetValue<string>());
        }

        await using (var removed = await MicroblogServer.StartAsync("--private_key", secondSecrets.PrivateKey))
        {
            var rejected = await new MicroblogClient(removed.Client).InvokeAsync("validate-jwt", oldToken);
            Assert.Equal(HttpStatusCode.Unauthorized, rejected.Status);
            Assert.Contains("signature does not verify", rejected.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KeysCreatePrintsBothSecrets()
    {
        var (exitCode, output, _) = await MicroblogChildProcess.RunAsync(["keys", "create"]);

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var privateKey = Assert.Single(lines, l => l.StartsWith("private_key=", StringComparison.Ordinal))["private_key=".Length..];
        var publicKey = Assert.Single(lines, l => l.StartsWith("public_key=", StringComparison.Ordinal))["public_key=".Length..];
        using var signing = RSA.Create();
        signing.ImportFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(privateKey)));
        using var verifying = RSA.Create();
        verifying.ImportFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(publicKey)));
        Assert.Equal(signing.ExportSubjectPublicKeyInfo(), verifying.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task KeysPublicPrintsKeyAndJwks()
    {
        using var key = RSA.Create(2048);
        var privateKey = Convert.ToBase64String(Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));

        var (exitCode, output, _) = await MicroblogChildProcess.RunAsync(
            ["keys", "public"], new Dictionary<string, string> { ["private_key"] = privateKey });

        Assert.Equal(0, exitCode);
        Assert.Contains(key.ExportSubjectPublicKeyInfoPem(), output, StringComparison.Ordinal);
        var jwks = JsonNode.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..])!;
        var jwk = Assert.Single(jwks["keys"]!.AsArray())!;
        Assert.Equal("RS256", jwk["alg"]!.GetValue<string>());
        Assert.Equal(
            TestTokens.Base64UrlEncode(key.ExportParameters(false).Modulus!), jwk["n"]!.GetValue<string>());
    }

    public void Dispose() => Directory.Delete(_secrets, recursive: true);

    private static (string PrivateKey, string PublicKey) ReadSecrets(string directory) =>
        (File.ReadAllText(Path.Combine(directory, "private_key")), File.ReadAllText(Path.Combine(directory, "public_key")));
}
