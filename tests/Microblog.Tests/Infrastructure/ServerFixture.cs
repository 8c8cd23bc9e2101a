namespace Microblog.Tests.Infrastructure;

/// <summary>One server shared by the tests of a class; each test makes its own users.</summary>
public class ServerFixture : IAsyncLifetime
{
    private MicroblogServer? _server;

    public MicroblogServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public MicroblogClient Api => new(Server.Client);

    public async Task InitializeAsync() => _server = await StartServerAsync();

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>
    /// Starts the server; returns null when the tests of the class are skipped. Rate limits
    /// are off, because these tests act as many users from one loopback address.
    /// </summary>
    protected virtual async Task<MicroblogServer?> StartServerAsync() =>
        await MicroblogServer.StartAsync([.. MicroblogServer.WithoutRateLimits]);
}
