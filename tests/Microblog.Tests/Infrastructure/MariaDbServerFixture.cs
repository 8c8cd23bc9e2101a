namespace Microblog.Tests.Infrastructure;

/// <summary>
/// A server on a fresh MariaDB database of its own, dropped on dispose. Starts nothing when
/// <c>MICROBLOG_TEST_MYSQL</c> is unset, because the tests of the class are skipped then.
/// </summary>
public sealed class MariaDbServerFixture : ServerFixture
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException(MariaDb.SkipReason);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<MicroblogServer?> StartServerAsync()
    {
        if (MariaDb.ConnectionString is null)
        {
            return null;
        }

        _database = await MariaDb.CreateDatabaseAsync();
        return await MicroblogServer.StartAsync(
            ["--MICROBLOG_DATABASE", _database.ConnectionString, .. MicroblogServer.WithoutRateLimits]);
    }
}
