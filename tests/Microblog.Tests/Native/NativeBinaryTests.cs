using System.Net;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Native;

/// <summary>
/// The Native AOT binary running <c>microblog serve</c>. The function process tests run the
/// native binary too when it is set; these cover the gateway shape.
/// </summary>
public sealed class NativeBinaryTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("microblog-native-").FullName;

    [NativeFact]
    public async Task NativeServeRunsFiveFunctions()
    {
        await using var process = await MicroblogChildProcess.StartAsync(["serve", "--data", _data], readyPath: "/healthz");
        var api = new MicroblogClient(process.Client);
        var user = TestUser.Create("native");

        var token = await api.RegisterAndLoginAsync(user);
        var validated = await api.InvokeAsync("validate-jwt", token);
        var posted = await api.AddPostWithBearerAsync(token, "Hello from the native binary");
        var listed = await api.GetAsync($"function/list-posts?username={user.Username}");
        var metrics = await process.Client.GetStringAsync("/metrics");
        var jwks = await api.GetAsync(".well-known/jwks.json");

        Assert.Equal(HttpStatusCode.OK, validated.Status);
        Assert.Equal(HttpStatusCode.Created, posted.Status);
        Assert.Equal("Hello from the native binary", listed.Body!["posts"]![0]!["body"]!.GetValue<string>());
        Assert.Contains("gateway_function_invocation_total{function_name=\"add-post\",code=\"201\"} 1", metrics,
            StringComparison.Ordinal);
        Assert.Single(jwks.Body!["keys"]!.AsArray());
    }

    [NativeFact]
    public async Task NativeSecretFilesConfigureKeys()
    {
        var secrets = Directory.CreateDirectory(Path.Combine(_data, "secrets")).FullName;
        Assert.Equal(0, (await MicroblogChildProcess.RunAsync(["keys", "create", "--out", secrets])).ExitCode);

        await using var process = await MicroblogChildProcess.StartAsync(
            ["function", "validate-jwt", "--data", _data],
            new Dictionary<string, string> { ["MICROBLOG_SECRETS"] = secrets });

        Assert.False(File.Exists(Path.Combine(_data, "keys", "private-key.pem")));
        await process.WaitForOutputAsync(l => l.Contains($"loaded from the private_key setting", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
