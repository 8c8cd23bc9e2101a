using System.Collections.Concurrent;

namespace Microblog.Tests.Distributed;

/// <summary>
/// One <see cref="FunctionProcessSet"/> per store, started on first use and shared by the tests
/// of a class. MariaDB takes part when <c>MICROBLOG_TEST_MYSQL</c> names a server.
/// </summary>
public sealed class FunctionProcessesFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FunctionProcessSet>>> _sets = new();

    public static TheoryData<string> Stores
    {
        get
        {
            var stores = new TheoryData<string> { FunctionProcessSet.Sqlite };
            if (Environment.GetEnvironmentVariable("MICROBLOG_TEST_MYSQL") is { Length: > 0 })
            {
                stores.Add(FunctionProcessSet.MariaDb);
            }

            return stores;
        }
    }

    public Task<FunctionProcessSet> ForAsync(string store) =>
        _sets.GetOrAdd(store, s => new Lazy<Task<FunctionProcessSet>>(() => FunctionProcessSet.StartAsync(s))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var set in _sets.Values.Where(s => s.IsValueCreated))
        {
            try
            {
                await (await set.Value).DisposeAsync();
            }
            catch (InvalidOperationException)
            {
                // The set failed to start and disposed what it had started.
            }
        }
    }
}
