using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microblog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Microblog.Tests.Security;

/// <summary>
/// A login for an unknown user must take as long as one with a wrong password, or its timing
/// reveals to an attacker which usernames exist. Requests of the three kinds are interleaved in a
/// rotating order, so that load from other processes on the machine hits all of them alike, and
/// medians are compared. The test runs alone, after the parallel ones.
/// </summary>
[Collection(TimingTestGroup.Name)]
public sealed class LoginTimingTests(ITestOutputHelper output)
{
    private const int Rounds = 40;
    private const double Tolerance = 0.20;

    [Fact]
    public async Task UnknownUserTakesAsLongAsWrongPassword()
    {
        await using var server = await MicroblogServer.StartAsync([.. MicroblogServer.WithoutRateLimits]);
        var api = new MicroblogClient(server.Client);
        var known = TestUser.Create("timed");
        var legacy = TestUser.Create("timedold");
        await api.RegisterAsync(known);
        await api.RegisterAsync(legacy);
        await SetLegacyHashAsync(server, legacy.Username, "an old sha-256 password");

        // Other processes on a shared machine can slow one stretch of requests by more than the
        // tolerance. A leak (no dummy verification) makes every measurement miss by far more, so
        // the test passes when one of up to three measurements is within the tolerance.
        var results = new List<(double Unknown, double Known, double Legacy)>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var medians = await MeasureMediansAsync(api, known.Username, legacy.Username, attempt);
            results.Add(medians);
            output.WriteLine($"median login ms: unknown {medians.Unknown:F1}, wrong password {medians.Known:F1}, "
                + $"wrong password on a legacy hash {medians.Legacy:F1}");
            if (IsWithinTolerance(medians))
            {
                break;
            }
        }

        var best = results.MinBy(r => Math.Max(Math.Abs(1 - (r.Unknown / r.Known)), Math.Abs(1 - (r.Legacy / r.Known))));
        Assert.InRange(best.Unknown / best.Known, 1 - Tolerance, 1 + Tolerance);
        Assert.InRange(best.Legacy / best.Known, 1 - Tolerance, 1 + Tolerance);
    }

    private static bool IsWithinTolerance((double Unknown, double Known, double Legacy) medians) =>
        Math.Abs(1 - (medians.Unknown / medians.Known)) <= Tolerance
        && Math.Abs(1 - (medians.Legacy / medians.Known)) <= Tolerance;

    /// <summary>
    /// Times <see cref="Rounds"/> logins of each kind, one of each per round in a rotating order,
    /// after three rounds that warm up the JIT and the connection pool.
    /// </summary>
    private static async Task<(double Unknown, double Known, double Legacy)> MeasureMediansAsync(
        MicroblogClient api, string knownUsername, string legacyUsername, int attempt)
    {
        var times = new[] { new List<double>(), new List<double>(), new List<double>() };
        for (var round = -3; round < Rounds; round++)
        {
            string[] usernames = [$"ghost_{attempt}_{round + 3}_{knownUsername[..8]}", knownUsername, legacyUsername];
            for (var i = 0; i < 3; i++)
            {
                var kind = (i + round + 3) % 3;
                var elapsed = await TimeLoginAsync(api, usernames[kind]);
                if (round >= 0)
                {
                    times[kind].Add(elapsed);
                }
            }
        }

        return (Median(times[0]), Median(times[1]), Median(times[2]));
    }

    private static async Task<double> TimeLoginAsync(MicroblogClient api, string username)
    {
        var watch = Stopwatch.StartNew();
        var response = await api.InvokeAsync("login", new { username, password = "not the password" });
        watch.Stop();

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static async Task SetLegacyHashAsync(MicroblogServer server, string username, string password)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "microblog.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET password = $hash WHERE username = $username;";
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$username", username);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
