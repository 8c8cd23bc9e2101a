using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Microblog.Tests.Infrastructure;

/// <summary>
/// <c>microblog serve</c> as a child process (<c>dotnet microblog.dll</c> from the test's
/// output folder) on a free loopback port, with its standard output and error captured, so
/// that tests can read every log line and kill the process with SIGKILL.
/// </summary>
public sealed partial class ChildServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildServer(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public HttpClient Client { get; private set; } = new();

    /// <summary>Every line the process wrote to standard output or error so far.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<ChildServer> StartAsync(
        string dataDirectory, IEnumerable<string> extraArguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "microblog.dll"));
        foreach (var argument in (string[])["serve", "--urls", "http://127.0.0.1:0", "--data", dataDirectory, .. extraArguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var server = new ChildServer(Process.Start(start)!);
        server._process.OutputDataReceived += (_, line) => server.Receive(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.Receive(line.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();

        var exited = server._process.WaitForExitAsync();
        var first = await Task.WhenAny(server._listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != server._listening.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"microblog serve did not start listening:\n{server.Output}");
        }

        server.BaseAddress = new Uri(server._listening.Task.Result.ToString().TrimEnd('/') + "/");
        server.Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = server.BaseAddress,
            DefaultRequestVersion = HttpVersion.Version11,
            Timeout = TimeSpan.FromSeconds(30),
        };
        return server;
    }

    /// <summary>Kills the process with SIGKILL, as a crash or the OOM killer would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Stops the process with SIGTERM, so that it flushes its logs, and waits for it.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);

        // The asynchronous readers may still hold the last lines.
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        var match = ListeningPattern().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningPattern();
}
