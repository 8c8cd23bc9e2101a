namespace Microblog.Tests.Infrastructure;

/// <summary>One server shared by the tests of a class; each test makes its own users.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private MicroblogServer? _server;

    public MicroblogServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public MicroblogClient Api => new(Server.Client);

    public async Task InitializeAsync() =>
        _server = await MicroblogServer.StartAsync([.. MicroblogServer.WithoutRateLimits]);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
