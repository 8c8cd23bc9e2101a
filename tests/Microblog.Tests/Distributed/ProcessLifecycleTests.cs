using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Distributed;

/// <summary>How <c>microblog function</c> starts, reports readiness and stops.</summary>
public sealed class ProcessLifecycleTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("microblog-lifecycle-").FullName;

    [Fact]
    public async Task ReadinessWaitsForDatabase()
    {
        // A folder where the database file belongs makes SQLite fail to open it until removed.
        var blocker = Directory.CreateDirectory(Path.Combine(_data, "microblog.db"));
        await using var process = await MicroblogChildProcess.StartAsync(["function", "list-posts", "--data", _data], readyPath: null);

        using var notReady = await process.Client.GetAsync("/_/ready");
        using var health = await process.Client.GetAsync("/healthz");
        using var early = await process.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.Contains("is starting", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        blocker.Delete();
        await process.WaitForOutputAsync(l => l.Contains("\"EventId\":412", StringComparison.Ordinal));
        using var ready = await process.Client.GetAsync("/_/ready");
        using var served = await process.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task ProcessWatchesNoFiles()
    {
        // A configuration file watcher puts an inotify watch on every folder under the working
        // directory, which slows start-up and uses up the user's inotify limits.
        await using var process = await MicroblogChildProcess.StartAsync(["function", "list-posts", "--data", _data]);
        using var served = await process.Client.GetAsync("/");

        var targets = Directory.GetFiles($"/proc/{process.ProcessId}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .ToList();
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains(targets, target => target?.EndsWith("microblog.db", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("anon_inode:inotify", targets);
    }

    [Fact]
    public async Task SigtermFinishesRequestInFlight()
    {
        await using var process = await MicroblogChildProcess.StartAsync(["function", "register", "--data", _data]);
        var body = JsonSerializer.SerializeToUtf8Bytes(TestUser.Create("sigterm").Registration);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, process.BaseAddress.Port);
        var stream = tcp.GetStream();

        // Send the headers and half the body, so the request is in flight when SIGTERM arrives.
        var head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
        await stream.FlushAsync();
        await process.WaitForOutputAsync(l => l.Contains("listening on", StringComparison.Ordinal));
        await Task.Delay(200);

        process.Terminate();
        await process.WaitForOutputAsync(l => l.Contains("Application is shutting down", StringComparison.Ordinal));
        await stream.WriteAsync(body.AsMemory(body.Length / 2));
        var response = await new StreamReader(stream, Encoding.ASCII).ReadLineAsync();

        Assert.Equal("HTTP/1.1 201 Created", response);
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(15)));
    }

    [Theory]
    [InlineData("register")]
    [InlineData("list-posts")]
    public async Task KeylessFunctionsNeedNoKeys(string function)
    {
        await using var process = await MicroblogChildProcess.StartAsync(["function", function, "--data", _data]);

        using var served = await process.Client.PostAsync("/", new StringContent("{}", Encoding.UTF8, "text/plain"));

        Assert.NotEqual(HttpStatusCode.ServiceUnavailable, served.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, served.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(_data, "keys")));
        Assert.DoesNotContain(process.Output, l => l.Contains("Signing key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadPrivateKeyStopsStartup()
    {
        var (exitCode, output, _) = await MicroblogChildProcess.RunAsync(
            ["function", "login", "--urls", "http://127.0.0.1:0", "--data", _data],
            new Dictionary<string, string> { ["private_key"] = Convert.ToBase64String("not a key"u8.ToArray()) });

        Assert.Equal(1, exitCode);
        Assert.Contains("No RSA private key could be read from private_key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFunctionExitsWithUsage()
    {
        var (exitCode, _, error) = await MicroblogChildProcess.RunAsync(["function", "delete-post"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown function 'delete-post'", error, StringComparison.Ordinal);
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
