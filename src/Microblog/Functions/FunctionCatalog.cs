using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Microblog.Functions;

/// <summary>The five functions by name, with the number of invocations of each since start.</summary>
internal sealed class FunctionCatalog
{
    private readonly FrozenDictionary<string, Function> _functions;
    private readonly ConcurrentDictionary<string, long> _invocations = new(StringComparer.Ordinal);

    public FunctionCatalog(IEnumerable<Function> functions)
    {
        _functions = functions.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        StartedAt = DateTimeOffset.UtcNow;
    }

    public static IReadOnlyList<string> Names { get; } =
        ["register", "login", "validate-jwt", "add-post", "list-posts"];

    public IEnumerable<Function> All => _functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    public DateTimeOffset StartedAt { get; }

    /// <summary>
    /// Finds a function by name. A namespace suffix, as in <c>register.openfaas-fn</c> (what
    /// <c>faas-cli invoke</c> sends), is ignored.
    /// </summary>
    public Function? Find(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var bare = dot < 0 ? name : name[..dot];
        return _functions.GetValueOrDefault(bare);
    }

    public void CountInvocation(string name) =>
        _invocations.AddOrUpdate(name, 1, (_, count) => count + 1);

    public long InvocationCount(string name) => _invocations.GetValueOrDefault(name);
}
