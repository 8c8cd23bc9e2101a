using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Microblog.Tests.Infrastructure;

/// <summary>
/// The <c>microblog</c> executable as a child process listening on a free loopback port: the
/// Native AOT binary named by <c>MICROBLOG_NATIVE_BINARY</c>, or else the JIT build beside the
/// tests, run with <c>dotnet exec</c>. Its output is kept for assertions; dispose kills it.
/// </summary>
public sealed class MicroblogChildProcess : IAsyncDisposable
{
    public const string NativeBinaryVariable = "MICROBLOG_NATIVE_BINARY";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private MicroblogChildProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The native binary under test, or null when the tests run the JIT build.</summary>
    public static string? NativeBinary =>
        Environment.GetEnvironmentVariable(NativeBinaryVariable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    /// <summary>Everything the process wrote to stdout and stderr so far, one entry per line.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>microblog ARGS --urls http://127.0.0.1:PORT</c> and waits until
    /// <paramref name="readyPath"/> returns 200, or with a null path until it accepts requests. Secret files are read from an empty folder
    /// unless the environment sets <c>MICROBLOG_SECRETS</c>.
    /// </summary>
    public static async Task<MicroblogChildProcess> StartAsync(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? readyPath = "/_/ready")
    {
        var port = FreePort();
        var process = Start([.. arguments, "--urls", $"http://127.0.0.1:{port}"], environment);
        var server = new MicroblogChildProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await server.WaitUntilReadyAsync(readyPath);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command that exits by itself, such as <c>keys create</c>, and returns its output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Sends SIGTERM, as Kubernetes and of-watchdog do to stop a container.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Kills the process with SIGKILL, as a crash or the OOM killer would, and waits for it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Stops the process with SIGTERM, so that it flushes its logs, and waits up to 20 s.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(20));

        // The asynchronous readers may still hold the last lines.
        _process.WaitForExit();
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits up to 10 s for an output line that matches, since the logger writes in the background.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> match)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_output.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No matching output line within 10 s:\n{DescribeOutput()}");
    }

    public string DescribeOutput() => string.Join('\n', _output);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = NativeBinary is { } native
            ? new ProcessStartInfo(native)
            : new ProcessStartInfo("dotnet") { ArgumentList = { "exec", Path.Combine(AppContext.BaseDirectory, "microblog.dll") } };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = Path.GetTempPath();
        start.Environment["MICROBLOG_SECRETS"] = EmptySecretsDirectory.Value;
        start.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
    }

    private static readonly Lazy<string> EmptySecretsDirectory =
        new(() => Directory.CreateTempSubdirectory("microblog-no-secrets-").FullName);

    private async Task WaitUntilReadyAsync(string? readyPath)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"microblog exited with code {_process.ExitCode} before it was ready:\n{DescribeOutput()}");
            }

            try
            {
                using var response = await Client.GetAsync(readyPath ?? "/_/ready");
                if (readyPath is null || response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"microblog was not ready at {readyPath} within 30 s:\n{DescribeOutput()}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
