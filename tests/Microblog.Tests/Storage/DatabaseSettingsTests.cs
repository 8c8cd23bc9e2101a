using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microblog.Tests.Infrastructure;
using MySqlConnector;

namespace Microblog.Tests.Storage;

/// <summary>How the database is chosen from settings and secret files, and what a bad one does.</summary>
public sealed class DatabaseSettingsTests
{
    private const string Password = "do-not-print-me";

    [Fact]
    public async Task UnreachableDatabaseFailsStartupQuickly()
    {
        var port = ClosedPort();
        var environment = new Dictionary<string, string>
        {
            ["mysql_host"] = "127.0.0.1",
            ["mysql_port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["mysql_user"] = "microblog",
            ["mysql_password"] = Password,
            ["mysql_database"] = "microblog",
        };

        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await RunMicroblogAsync(environment, "serve", "--urls", "http://127.0.0.1:0");
        clock.Stop();

        Assert.Equal(1, exitCode);
        Assert.Contains($"127.0.0.1:{port}", output, StringComparison.Ordinal);
        Assert.Contains("could not be reached", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Startup took {clock.Elapsed} to fail.");
    }

    [Fact]
    public async Task MissingLegacySettingIsNamed()
    {
        var environment = new Dictionary<string, string> { ["mysql_host"] = "127.0.0.1", ["mysql_user"] = "microblog" };

        var (exitCode, output) = await RunMicroblogAsync(environment, "migrate");

        Assert.Equal(1, exitCode);
        Assert.Contains("mysql_database", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateCommandMigratesSqlite()
    {
        var data = Directory.CreateTempSubdirectory("microblog-migrate-").FullName;
        try
        {
            var first = await RunMicroblogAsync(new Dictionary<string, string>(), "migrate", "--data", data);
            var second = await RunMicroblogAsync(new Dictionary<string, string>(), "migrate", "--data", data);

            Assert.Equal(0, first.ExitCode);
            Assert.Contains("1 migrations applied", first.Output, StringComparison.Ordinal);
            Assert.Equal(0, second.ExitCode);
            Assert.Contains("0 migrations applied", second.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data, "microblog.db")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>
    /// Runs the built <c>microblog</c> with these environment variables (and no inherited
    /// database settings) until it exits, for at most 30 s, and returns its exit code and output.
    /// </summary>
    internal static async Task<(int ExitCode, string Output)> RunMicroblogAsync(
        IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "microblog.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MICROBLOG_SECRETS"] = Path.Combine(Path.GetTempPath(), "microblog-no-secrets");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The MySQL settings of earlier deployments, read from secret files.</summary>
[RequiresMariaDb]
public sealed class MariaDbSettingsTests : IAsyncLifetime
{
    private TestDatabase? _database;
    private string? _secrets;

    public async Task InitializeAsync()
    {
        _database = await MariaDb.CreateDatabaseAsync();
        _secrets = Directory.CreateTempSubdirectory("microblog-secrets-").FullName;
    }

    public async Task DisposeAsync()
    {
        if (_secrets is not null)
        {
            Directory.Delete(_secrets, recursive: true);
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task LegacySecretFilesSelectMySql()
    {
        var settings = new MySqlConnectionStringBuilder(_database!.ConnectionString);
        await File.WriteAllTextAsync(Path.Combine(_secrets!, "mysql_host"), settings.Server + "\n");
        await File.WriteAllTextAsync(Path.Combine(_secrets!, "mysql_port"), settings.Port + "\n");
        await File.WriteAllTextAsync(Path.Combine(_secrets!, "mysql_user"), settings.UserID + "\n");
        await File.WriteAllTextAsync(Path.Combine(_secrets!, "mysql_password"), settings.Password + "\n");
        await File.WriteAllTextAsync(Path.Combine(_secrets!, "mysql_database"), settings.Database);

        await using var server = await MicroblogServer.StartAsync("--MICROBLOG_SECRETS", _secrets!);
        var user = TestUser.Create("secret");
        var registered = await new MicroblogClient(server.Client).RegisterAsync(user);

        Assert.Equal(HttpStatusCode.Created, registered.Status);
        Assert.Equal(1L, Convert.ToInt64(await _database.ScalarAsync(
            "SELECT COUNT(*) FROM users WHERE username = @name;", ("@name", user.Username)), null));
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "microblog.db")));
    }

    [Fact]
    public async Task DatabaseSecretFileSelectsMySql()
    {
        await File.WriteAllTextAsync(Path.Combine(_secrets!, "database"), _database!.ConnectionString + "\n");

        var (exitCode, output) = await DatabaseSettingsTests.RunMicroblogAsync(
            new Dictionary<string, string> { ["MICROBLOG_SECRETS"] = _secrets! }, "migrate");

        Assert.Equal(0, exitCode);
        Assert.Contains($"database {_database.Name}; 1 migrations applied", output, StringComparison.Ordinal);
        Assert.Equal(1L, Convert.ToInt64(await _database.ScalarAsync("SELECT COUNT(*) FROM schema_migrations;"), null));
    }
}
