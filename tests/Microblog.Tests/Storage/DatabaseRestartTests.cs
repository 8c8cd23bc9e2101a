using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Storage;

/// <summary>
/// The service on a MariaDB server of the test's own, which the test kills in the middle of a
/// burst of posts and starts again.
/// </summary>
[RequiresMariaDb]
public sealed class DatabaseRestartTests
{
    private const int Writers = 6;
    private const int MaxAttempts = 3000;

    [Fact]
    public async Task PostsSurviveDatabaseRestart()
    {
        await using var mariaDb = await MariaDbInstance.StartAsync();
        await using var server = await MicroblogServer.StartAsync(
            ["--MICROBLOG_DATABASE", mariaDb.ConnectionString, .. MicroblogServer.WithoutRateLimits]);
        var api = new MicroblogClient(server.Client);
        var user = TestUser.Create("restart");
        var token = await api.RegisterAndLoginAsync(user);

        var created = new ConcurrentDictionary<long, string>();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var attempts = 0;
        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            int number;
            while (!stop.IsCancellationRequested && (number = Interlocked.Increment(ref attempts)) <= MaxAttempts)
            {
                var response = await api.AddPostAsync(token, $"restart {number}");
                statuses.Add(response.Status);
                if (response.Status == HttpStatusCode.Created)
                {
                    created[response.Body!["id"]!.GetValue<long>()] = response.Text("body");
                }
                else
                {
                    // The server is down: pace the retries instead of spinning.
                    await Task.Delay(20);
                }
            }
        })).ToList();

        await WaitUntilAsync(() => created.Count >= 50, "50 posts before the restart");
        await mariaDb.KillAsync();
        var createdBeforeRestart = created.Count;

        var clock = Stopwatch.StartNew();
        var whileDown = await api.AddPostAsync(token, "while the database is down");
        clock.Stop();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.Status);
        Assert.Equal("application/problem+json", whileDown.Message.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(whileDown.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"The 503 took {clock.Elapsed}.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.GetAsync("function/list-posts")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.Client.GetAsync("healthz")).StatusCode);

        await mariaDb.StartServerAsync();
        await WaitUntilAsync(() => created.Count >= createdBeforeRestart + 50, "50 posts after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("healthz")).StatusCode);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"status {s}"));
        var listed = new Dictionary<long, string>();
        long? before = null;
        do
        {
            var page = await api.GetAsync($"function/list-posts?username={user.Username}" + (before is null ? "" : $"&before={before}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            foreach (var post in page.Body!["posts"]!.AsArray())
            {
                Assert.True(listed.TryAdd(post!["id"]!.GetValue<long>(), post["body"]!.GetValue<string>()));
            }

            before = page.Body["next"]?.GetValue<long>();
        }
        while (before is not null);

        Assert.All(created, pair => Assert.Equal(pair.Value, listed.GetValueOrDefault(pair.Key)));
    }

    /// <summary>Waits, polling every 50 ms for at most 30 s, until the condition holds.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string description)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {description}.");
            await Task.Delay(50);
        }
    }
}
