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
/// tells an attacker which usernames exist. Requests of the three kinds are interleaved, so that
/// load from other processes on the machine hits all of them alike, and medians are compared.
/// </summary>
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

        var unknownTimes = new List<double>();
        var knownTimes = new List<double>();
        var legacyTimes = new List<double>();
        for (var round = -3; round < Rounds; round++)
        {
            var unknown = await TimeLoginAsync(api, $"ghost_{round + 3}_{known.Username[..8]}");
            var wrong = await TimeLoginAsync(api, known.Username);
            var wrongLegacy = await TimeLoginAsync(api, legacy.Username);

            // The first rounds warm up the JIT and the connection pool.
            if (round >= 0)
            {
                unknownTimes.Add(unknown);
                knownTimes.Add(wrong);
                legacyTimes.Add(wrongLegacy);
            }
        }

        var unknownMedian = Median(unknownTimes);
        var knownMedian = Median(knownTimes);
        var legacyMedian = Median(legacyTimes);
        output.WriteLine($"median login ms: unknown {unknownMedian:F1}, wrong password {knownMedian:F1}, "
            + $"wrong password on a legacy hash {legacyMedian:F1}");

        Assert.InRange(unknownMedian / knownMedian, 1 - Tolerance, 1 + Tolerance);
        Assert.InRange(legacyMedian / knownMedian, 1 - Tolerance, 1 + Tolerance);
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
