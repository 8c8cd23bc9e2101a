using System.Collections.Concurrent;
using System.Net;
using Microblog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Microblog.Tests.Security;

/// <summary>
/// Kills a child <c>microblog serve</c> with SIGKILL in the middle of a burst of writes and
/// checks, after a restart on the same folder, that every write answered with 201 is there and
/// that SQLite finds the database intact.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int Workers = 8;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("microblog-crash-").FullName;

    [Fact]
    public async Task AcknowledgedPostsSurviveKill()
    {
        var user = TestUser.Create("crash");
        var acknowledged = new ConcurrentBag<string>();
        await using (var server = await StartAsync())
        {
            var api = new MicroblogClient(server.Client);
            var token = await api.RegisterAndLoginAsync(user);

            await BurstUntilKilledAsync(server, killAfter: 60, async (worker, i) =>
            {
                var body = $"crash post {worker}-{i}";
                var response = await api.AddPostAsync(token, body);
                Assert.Equal(HttpStatusCode.Created, response.Status);
                acknowledged.Add(body);
            });
        }

        await using (var restarted = await StartAsync())
        {
            var listed = await ListAllAsync(new MicroblogClient(restarted.Client), user.Username);

            Assert.True(acknowledged.Count >= 60, $"only {acknowledged.Count} posts were acknowledged");
            Assert.All(acknowledged, body => Assert.Contains(body, listed));
        }

        Assert.Equal("ok", await IntegrityCheckAsync());
    }

    [Fact]
    public async Task AcknowledgedRegistrationsSurviveKill()
    {
        var acknowledged = new ConcurrentBag<TestUser>();
        await using (var server = await StartAsync())
        {
            var api = new MicroblogClient(server.Client);

            await BurstUntilKilledAsync(server, killAfter: 16, async (_, _) =>
            {
                var user = TestUser.Create("crashreg");
                var response = await api.RegisterAsync(user);
                Assert.Equal(HttpStatusCode.Created, response.Status);
                acknowledged.Add(user);
            });
        }

        await using (var restarted = await StartAsync())
        {
            var api = new MicroblogClient(restarted.Client);
            Assert.True(acknowledged.Count >= 16, $"only {acknowledged.Count} sign-ups were acknowledged");
            foreach (var user in acknowledged)
            {
                var login = await api.InvokeAsync("login", new { username = user.Username, password = user.Password });
                Assert.Equal(HttpStatusCode.OK, login.Status);
            }
        }

        Assert.Equal("ok", await IntegrityCheckAsync());
    }

    [Fact]
    public async Task DatabaseFileIsInWalMode()
    {
        await using (var server = await StartAsync())
        {
            await new MicroblogClient(server.Client).RegisterAsync(TestUser.Create("wal"));
        }

        var path = Path.Combine(_dataDirectory, "microblog.db");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync())!);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private Task<MicroblogChildProcess> StartAsync() =>
        MicroblogChildProcess.StartAsync(
            ["serve", "--data", _dataDirectory, .. MicroblogServer.WithoutRateLimits], readyPath: "/healthz");

    /// <summary>
    /// Runs the write on several workers until <paramref name="killAfter"/> writes succeeded,
    /// then kills the server while the other workers' requests are still in flight. A request
    /// that fails because the server died is not acknowledged, so it is not counted.
    /// </summary>
    private static async Task BurstUntilKilledAsync(MicroblogChildProcess server, int killAfter, Func<int, int, Task> write)
    {
        var succeeded = 0;
        var killed = 0;
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 1000 && Volatile.Read(ref killed) == 0; i++)
            {
                try
                {
                    await write(worker, i);
                }
                catch (HttpRequestException)
                {
                    return;
                }

                if (Interlocked.Increment(ref succeeded) == killAfter)
                {
                    Volatile.Write(ref killed, 1);
                    await server.KillAsync();
                }
            }
        }));

        await Task.WhenAll(workers);
        await server.KillAsync();
    }

    private static async Task<HashSet<string>> ListAllAsync(MicroblogClient api, string username)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        long? before = null;
        do
        {
            var page = await api.GetAsync($"function/list-posts?username={username}" + (before is null ? "" : $"&before={before}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            listed.UnionWith(page.Body!["posts"]!.AsArray().Select(p => p!["body"]!.GetValue<string>()));
            before = page.Body["next"]?.GetValue<long>();
        }
        while (before is not null);

        return listed;
    }

    private async Task<string> IntegrityCheckAsync()
    {
        var path = Path.Combine(_dataDirectory, "microblog.db");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
