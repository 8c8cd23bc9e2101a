using BenchmarkDotNet.Attributes;
using Microblog.Accounts;

namespace Microblog.Benchmarks;

/// <summary>Argon2id at the parameters login uses (19 MiB, 2 iterations), and a legacy digest.</summary>
[MemoryDiagnoser]
public class PasswordBenchmarks
{
    private readonly PasswordHasher _hasher = new();
    private string _hash = "";

    [GlobalSetup]
    public async Task Setup() => _hash = await _hasher.HashAsync("correct horse battery", CancellationToken.None);

    [Benchmark]
    public Task<string> Hash() => _hasher.HashAsync("correct horse battery", CancellationToken.None);

    [Benchmark]
    public Task<PasswordCheck> Verify() => _hasher.VerifyAsync(_hash, "correct horse battery", CancellationToken.None);
}
