using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Microblog.Tests.Infrastructure;

/// <summary>
/// <c>microblog serve</c> as a child process (the built <c>microblog.dll</c> run by
/// <c>dotnet</c>) on a free loopback port, as one of several replicas of a deployment.
/// </summary>
public sealed partial class MicroblogProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly StringBuilder _output = new();

    private MicroblogProcess(Process process, string dataDirectory)
    {
        _process = process;
        _dataDirectory = dataDirectory;
    }

    public HttpClient Client { get; private set; } = new();

    /// <summary>Starts a process with these environment variables and waits until it listens.</summary>
    public static async Task<MicroblogProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("microblog-process-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "microblog.dll"), "serve",
            "--urls", "http://127.0.0.1:0", "--data", dataDirectory,
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var child = new MicroblogProcess(process, dataDirectory);
        await child.WaitUntilListeningAsync();
        return child;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task WaitUntilListeningAsync()
    {
        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line.Data);
            }

            if (ListeningPattern().Match(line.Data) is { Success: true } match)
            {
                address.TrySetResult(match.Groups[1].Value);
            }
        }

        _process.OutputDataReceived += OnLine;
        _process.ErrorDataReceived += OnLine;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(address.Task, exited, Task.Delay(StartTimeout));
        if (first != address.Task)
        {
            string output;
            lock (_output)
            {
                output = _output.ToString();
            }

            throw new InvalidOperationException($"microblog serve did not start listening:\n{output}");
        }

        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri(address.Task.Result.TrimEnd('/') + "/"),
            DefaultRequestVersion = HttpVersion.Version11,
        };
    }

    [GeneratedRegex(@"listening on (http://[^\s""]+)")]
    private static partial Regex ListeningPattern();
}
