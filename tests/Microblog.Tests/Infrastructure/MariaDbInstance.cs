using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace Microblog.Tests.Infrastructure;

/// <summary>
/// A MariaDB server of a test's own, in a temporary folder on a free loopback port, that the
/// test may kill and start again. It needs the <c>mariadb-server</c> binaries that
/// <c>.ci/mariadb.sh</c> installs.
/// </summary>
public sealed class MariaDbInstance : IAsyncDisposable
{
    private const string User = "microblog";
    private const string Password = "instance-password";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] BinaryFolders = ["/usr/sbin", "/usr/bin", "/usr/local/bin"];

    private readonly string _directory;
    private readonly int _port;
    private Process? _server;

    private MariaDbInstance(string directory, int port)
    {
        _directory = directory;
        _port = port;
    }

    /// <summary>A connection string to the database <c>microblog</c> of this server.</summary>
    public string ConnectionString => new MySqlConnectionStringBuilder
    {
        Server = "127.0.0.1",
        Port = (uint)_port,
        UserID = User,
        Password = Password,
        Database = "microblog",
    }.ConnectionString;

    private string Socket => Path.Combine(_directory, "mariadb.sock");

    public static async Task<MariaDbInstance> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("microblog-mariadb-").FullName;
        var instance = new MariaDbInstance(directory, FreePort());
        await RunAsync("mariadb-install-db", [
            .. RunAsArguments(), $"--datadir={instance.DataDirectory}",
            "--auth-root-authentication-method=normal", "--skip-test-db"]);
        await instance.StartServerAsync();
        await RunAsync("mariadb", ["--protocol=socket", $"--socket={instance.Socket}", "-uroot", "-e", $"""
            CREATE DATABASE microblog CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
            CREATE USER '{User}'@'127.0.0.1' IDENTIFIED BY '{Password}';
            GRANT ALL PRIVILEGES ON microblog.* TO '{User}'@'127.0.0.1';
            """]);
        return instance;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Kills the server as a crash would (SIGKILL) and waits until it has exited.</summary>
    public async Task KillAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        _server = null;
    }

    /// <summary>Starts the server on the same folder and port and waits until it accepts connections.</summary>
    public async Task StartServerAsync()
    {
        // mariadbd writes its log to --log-error, so its own output needs no reader.
        var start = new ProcessStartInfo(FindBinary("mariadbd")) { UseShellExecute = false };
        foreach (var argument in (string[])[
            "--no-defaults", .. RunAsArguments(), $"--datadir={DataDirectory}", $"--socket={Socket}",
            $"--port={_port}", "--bind-address=127.0.0.1", $"--pid-file={Path.Combine(_directory, "mariadb.pid")}",
            $"--log-error={Path.Combine(_directory, "error.log")}", "--innodb-buffer-pool-size=32M",
            "--max-connections=300"])
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException("mariadbd did not start.");
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await using var connection = new MySqlConnection($"Server={Socket};Protocol=Unix;User ID=root;Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (MySqlException) when (DateTime.UtcNow < deadline && !_server.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static IEnumerable<string> RunAsArguments() =>
        Environment.UserName == "root" ? ["--user=root"] : [];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindBinary(string name) =>
        BinaryFolders.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? name;

    private static async Task RunAsync(string name, string[] arguments)
    {
        var start = new ProcessStartInfo(FindBinary(name))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
