using System.Net;
using System.Text;
using System.Text.Json;
using Microblog.Storage.Sqlite;
using Microblog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Microblog.Tests.Storage;

/// <summary>
/// Stops child processes with SIGTERM and checks that they closed every SQLite connection.
/// The last connection to close checkpoints the write-ahead log into the database file and
/// deletes it, so a <c>-wal</c> file left behind means a connection was still open at exit.
/// </summary>
public sealed class SqliteShutdownTests : IDisposable
{
    private const int Posts = 40;

    private readonly string _data = Directory.CreateTempSubdirectory("microblog-shutdown-").FullName;

    private string DatabasePath => Path.Combine(_data, "microblog.db");

    private string WalPath => DatabasePath + "-wal";

    [Fact]
    public async Task ServeStopCheckpointsWriteAheadLog()
    {
        var user = TestUser.Create("shutdown");
        string[] arguments = ["serve", "--data", _data, .. MicroblogServer.WithoutRateLimits];
        await using (var server = await MicroblogChildProcess.StartAsync(arguments, readyPath: "/healthz"))
        {
            var api = new MicroblogClient(server.Client);
            var token = await api.RegisterAndLoginAsync(user);
            for (var i = 0; i < Posts; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await api.AddPostAsync(token, $"post {i}")).Status);
            }

            Assert.True(WalLength() > 0, "the posts were not written through the write-ahead log");
            await server.StopAsync();
            Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(5)));
        }

        Assert.Equal(0, WalLength());

        await using (var restarted = await MicroblogChildProcess.StartAsync(arguments, readyPath: "/healthz"))
        {
            var api = new MicroblogClient(restarted.Client);
            var listed = await api.InvokeAsync("list-posts", new { username = user.Username, limit = Posts });
            Assert.Equal(HttpStatusCode.OK, listed.Status);
            Assert.Equal(Posts, listed.Body!["posts"]!.AsArray().Count);
            Assert.Equal($"post {Posts - 1}", listed.Body["posts"]![0]!["body"]!.GetValue<string>());
        }

        Assert.Equal("ok", await QueryAsync("PRAGMA integrity_check;"));
    }

    [Fact]
    public async Task FunctionStopCheckpointsWriteAheadLog()
    {
        const int Users = 5;
        await using (var process = await MicroblogChildProcess.StartAsync(["function", "register", "--data", _data]))
        {
            for (var i = 0; i < Users; i++)
            {
                var body = JsonSerializer.Serialize(TestUser.Create("fnstop").Registration);
                using var response = await process.Client.PostAsync("/", new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }

            Assert.True(WalLength() > 0, "the sign-ups were not written through the write-ahead log");
            await process.StopAsync();
            Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(5)));
        }

        Assert.Equal(0, WalLength());
        Assert.Equal((long)Users, await QueryAsync("SELECT COUNT(*) FROM users;"));
    }

    [Fact]
    public async Task DisposeClosesEveryConnection()
    {
        var database = new SqliteDatabase(DatabasePath);
        await database.MigrateAsync(CancellationToken.None);
        database.ReadDataVersion();
        var rented = await database.RentAsync(CancellationToken.None);
        await using (var returned = await database.RentAsync(CancellationToken.None))
        {
            await returned.Command("CREATE TABLE dispose_check (id INTEGER);").ExecuteNonQueryAsync();
        }

        database.Dispose();
        Assert.True(WalLength() > 0, "a session rented before Dispose was closed by it");
        await rented.DisposeAsync();

        Assert.Equal(0, WalLength());
        Assert.Throws<ObjectDisposedException>(() => database.ReadDataVersion());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await database.RentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task MigrationKeepsConnectionOpen()
    {
        using var database = new SqliteDatabase(DatabasePath);

        await database.MigrateAsync(CancellationToken.None);

        // With no connection left open, SQLite would delete these files, and the first request
        // would create them again.
        Assert.True(File.Exists(WalPath), "the -wal file is gone after the migrations");
        Assert.True(File.Exists(DatabasePath + "-shm"), "the -shm file is gone after the migrations");
    }

    [Fact]
    public async Task ConnectionsLimitWriteAheadLogSize()
    {
        using var database = new SqliteDatabase(DatabasePath);
        await database.MigrateAsync(CancellationToken.None);
        await using var session = await database.RentAsync(CancellationToken.None);

        var limit = (long)(await session.Command("PRAGMA journal_size_limit;").ExecuteScalarAsync())!;

        Assert.Equal(16L * 1024 * 1024, limit);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>Returns the size of the <c>-wal</c> file, or 0 when there is none.</summary>
    private long WalLength() => File.Exists(WalPath) ? new FileInfo(WalPath).Length : 0;

    private async Task<object?> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
