using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Distributed;

/// <summary>Startup mistakes end with one line naming the problem and a non-zero exit code.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("microblog-cli-").FullName;

    [Fact]
    public async Task NoCommandPrintsUsage()
    {
        var (exitCode, _, error) = await MicroblogChildProcess.RunAsync([]);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: microblog COMMAND", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeHelpPrintsUsageWithoutStarting()
    {
        var (exitCode, output, _) = await MicroblogChildProcess.RunAsync(["serve", "--help", "--data", _data]);

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage: microblog COMMAND", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_data, "keys")));
    }

    [Fact]
    public async Task OptionWithoutValueIsRejected()
    {
        var (exitCode, _, error) = await MicroblogChildProcess.RunAsync(["serve", "--data", _data, "--urls"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("option --urls needs a value", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-url", "is not a valid listen address")]
    [InlineData("http://127.0.0.1:99999", "is not a valid listen address")]
    [InlineData("https://127.0.0.1:19443", "does not serve")]
    public async Task InvalidUrlStopsBeforeCreatingAnything(string url, string expected)
    {
        var (exitCode, _, error) = await MicroblogChildProcess.RunAsync(["serve", "--data", _data, "--urls", url]);

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "microblog.db")));
    }

    [Fact]
    public async Task CorruptDatabaseFileIsOneLineError()
    {
        await File.WriteAllTextAsync(Path.Combine(_data, "microblog.db"), "not a database");

        var (exitCode, _, error) = await MicroblogChildProcess.RunAsync(["migrate", "--data", _data]);

        Assert.Equal(1, exitCode);
        Assert.Contains("file is not a database", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyFolderLeavesNoKeyCopy()
    {
        var keys = Path.Combine(_data, "keys");
        Directory.CreateDirectory(Path.Combine(keys, "private-key.pem"));

        var (exitCode, _, error) = await MicroblogChildProcess.RunAsync(
            ["serve", "--data", _data, "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(keys));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }
}
