using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Storage;

/// <summary>
/// Two <c>microblog serve</c> processes on different ports sharing one MariaDB database and
/// one signing key, as replicas of a deployment do. Requests alternate between them.
/// </summary>
[RequiresMariaDb]
public sealed class ReplicaTests(ReplicaTests.Replicas replicas) : IClassFixture<ReplicaTests.Replicas>
{
    private MicroblogClient Api(int index) => new(replicas.Processes[index % replicas.Processes.Count].Client);

    [Fact]
    public async Task DuplicateRegistrationsMakeOneUser()
    {
        var user = TestUser.Create("replica");

        var responses = await Task.WhenAll(Enumerable.Range(0, 48).Select(i =>
            Api(i).RegisterAsync(user with { Email = $"replica{i}@example.test" })));

        Assert.Equal(1, responses.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(47, responses.Count(r => r.Status == HttpStatusCode.Conflict));
        Assert.Equal(1L, Convert.ToInt64(await replicas.Database.ScalarAsync(
            "SELECT COUNT(*) FROM users WHERE username_key = @key;", ("@key", user.Username.ToLowerInvariant())), null));
    }

    [Fact]
    public async Task ConcurrentPostsAreListedOnce()
    {
        var user = TestUser.Create("fanout");
        var token = await Api(0).RegisterAndLoginAsync(user);

        var responses = await Task.WhenAll(Enumerable.Range(0, 600).Select(i => Api(i).AddPostAsync(token, $"fanout {i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var listed = await ListAllAsync(user.Username, pageSize: 100);
        Assert.Equal(600, listed.Count);
        Assert.Equal(600, listed.Select(p => p.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 600).Select(i => $"fanout {i}").Order(), listed.Select(p => p.Body).Order());
        Assert.Equal(listed.Select(p => p.Id).OrderDescending(), listed.Select(p => p.Id));
    }

    [Fact]
    public async Task PagingWhileAddingNeitherRepeatsNorSkips()
    {
        var user = TestUser.Create("pages");
        var token = await Api(0).RegisterAndLoginAsync(user);
        var existing = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Api(i).AddPostAsync(token, $"old {i}")));
        var existingIds = existing.Select(r => r.Body!["id"]!.GetValue<long>()).ToHashSet();

        using var stop = new CancellationTokenSource();
        var added = 0;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            int number;
            while (!stop.IsCancellationRequested && (number = Interlocked.Increment(ref added)) <= 400)
            {
                var response = await Api(w).AddPostAsync(token, $"new {number}");
                Assert.Equal(HttpStatusCode.Created, response.Status);
            }
        })).ToList();

        var listed = await ListAllAsync(user.Username, pageSize: 10);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var ids = listed.Select(p => p.Id).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Empty(existingIds.Except(ids));
        Assert.True(Volatile.Read(ref added) > 1, "No post was added while the pages were read.");
    }

    /// <summary>Reads every post of the user with <c>before</c>, alternating between the replicas.</summary>
    private async Task<List<(long Id, string Body)>> ListAllAsync(string username, int pageSize)
    {
        var posts = new List<(long, string)>();
        long? before = null;
        for (var page = 0; ; page++)
        {
            var path = $"function/list-posts?username={username}&limit={pageSize}" + (before is null ? "" : $"&before={before}");
            var response = await Api(page).GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.Status);
            posts.AddRange(response.Body!["posts"]!.AsArray().Select(p =>
                (p!["id"]!.GetValue<long>(), p["body"]!.GetValue<string>())));
            before = response.Body["next"]?.GetValue<long>();
            if (before is null)
            {
                return posts;
            }
        }
    }

    /// <summary>The two processes and their database, shared by the tests of the class.</summary>
    public sealed class Replicas : IAsyncLifetime
    {
        // Keys come from private_key and data from MariaDB, so the folder stays empty.
        private readonly string _data = Directory.CreateTempSubdirectory("microblog-replicas-").FullName;
        private TestDatabase? _database;

        public List<MicroblogChildProcess> Processes { get; } = [];

        public TestDatabase Database => _database ?? throw new InvalidOperationException(MariaDb.SkipReason);

        public async Task InitializeAsync()
        {
            if (MariaDb.ConnectionString is null)
            {
                return;
            }

            _database = await MariaDb.CreateDatabaseAsync();
            using var key = RSA.Create(2048);
            var environment = new Dictionary<string, string>
            {
                ["MICROBLOG_DATABASE"] = _database.ConnectionString,
                ["private_key"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem())),
            };
            string[] arguments = ["serve", "--data", _data, .. MicroblogServer.WithoutRateLimits];

            // Both start at once, so both race to apply the migrations.
            Processes.AddRange(await Task.WhenAll(
                MicroblogChildProcess.StartAsync(arguments, environment, readyPath: "/healthz"),
                MicroblogChildProcess.StartAsync(arguments, environment, readyPath: "/healthz")));
        }

        public async Task DisposeAsync()
        {
            foreach (var process in Processes)
            {
                await process.DisposeAsync();
            }

            if (_database is not null)
            {
                await _database.DisposeAsync();
            }

            Directory.Delete(_data, recursive: true);
        }
    }
}
