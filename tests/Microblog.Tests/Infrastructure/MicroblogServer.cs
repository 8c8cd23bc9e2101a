using System.Net;
using Microblog.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Microblog.Tests.Infrastructure;

/// <summary>
/// A real <c>microblog serve</c> app on Kestrel, listening on a free loopback port, with its
/// SQLite database and keys in a temporary folder that is deleted on dispose.
/// </summary>
public sealed class MicroblogServer : IAsyncDisposable
{
    private readonly string[] _extraArguments;
    private WebApplication? _app;

    private MicroblogServer(string dataDirectory, string[] extraArguments)
    {
        DataDirectory = dataDirectory;
        _extraArguments = extraArguments;
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public HttpClient Client { get; private set; } = new();

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The server is stopped.");

    /// <summary>
    /// Arguments that turn every rate limit off. Functional tests act as many users from one
    /// loopback address, which is exactly the traffic that the per-address limits stop; the
    /// throttling tests start servers with small limits of their own.
    /// </summary>
    public static IReadOnlyList<string> WithoutRateLimits { get; } =
    [
        "--Microblog:RateLimits:LoginPerAccountAndAddress:PermitLimit", "0",
        "--Microblog:RateLimits:LoginPerAccount:PermitLimit", "0",
        "--Microblog:RateLimits:LoginPerAddress:PermitLimit", "0",
        "--Microblog:RateLimits:RegisterPerAddress:PermitLimit", "0",
        "--Microblog:RateLimits:PostPerAccount:PermitLimit", "0",
    ];

    public static async Task<MicroblogServer> StartAsync(params string[] extraArguments)
    {
        var directory = Directory.CreateTempSubdirectory("microblog-test-").FullName;
        var server = new MicroblogServer(directory, extraArguments);
        try
        {
            await server.StartAppAsync();
        }
        catch (InvalidOperationException)
        {
            // A setting the server rejects at startup leaves no app to stop.
            Directory.Delete(directory, recursive: true);
            throw;
        }

        return server;
    }

    /// <summary>Stops the app and starts a new one on the same data folder and a new port.</summary>
    public async Task RestartAsync()
    {
        await StopAppAsync();
        await StartAppAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection is left for the OS to clean up.
        }
    }

    private async Task StartAppAsync()
    {
        string[] arguments =
        [
            "--urls", "http://127.0.0.1:0",
            "--data", DataDirectory,
            "--Logging:LogLevel:Default", "Warning",

            // Secret files mounted on the machine running the tests must not choose the database.
            "--MICROBLOG_SECRETS", Path.Combine(DataDirectory, "secrets"),
            .. _extraArguments,
        ];
        _app = await MicroblogHost.CreateServeAsync(arguments);
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = BaseAddress,
            DefaultRequestVersion = HttpVersion.Version11,
        };
    }

    private async Task StopAppAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
