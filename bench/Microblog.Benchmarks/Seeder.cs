using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Microblog.Benchmarks;

/// <summary>
/// Fills a running service through its public functions: USERS users named bench_user_N with
/// the password "benchmark password", and POSTS posts spread over them round-robin.
/// Usage: seed URL USERS POSTS. Prints one token per line to stdout for the load scripts.
/// </summary>
internal static class Seeder
{
    public const string Password = "benchmark password";

    public static async Task<int> RunAsync(string[] args)
    {
        var baseAddress = new Uri(args[0].TrimEnd('/') + "/");
        var userCount = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var postCount = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = baseAddress };

        var tokens = new string[userCount];
        for (var i = 0; i < userCount; i++)
        {
            var username = $"bench_user_{i}";
            await http.PostAsJsonAsync("function/register", new JsonObject
            {
                ["username"] = username,
                ["password"] = Password,
                ["email"] = $"{username}@example.test",
                ["first_name"] = "Bench",
                ["last_name"] = $"User {i}",
            });
            var login = await http.PostAsJsonAsync("function/login", new JsonObject { ["username"] = username, ["password"] = Password });
            login.EnsureSuccessStatusCode();
            tokens[i] = JsonNode.Parse(await login.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        }

        var next = -1;
        var workers = Enumerable.Range(0, 8).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < postCount)
            {
                var body = new JsonObject
                {
                    ["token"] = tokens[index % userCount],
                    ["body"] = $"Benchmark post {index}: a sentence of ordinary length, about as long as a typical post on a microblog.",
                };
                var response = await http.PostAsJsonAsync("function/add-post", body);
                response.EnsureSuccessStatusCode();
            }
        });
        await Task.WhenAll(workers);

        foreach (var token in tokens)
        {
            Console.WriteLine(token);
        }

        return 0;
    }
}
