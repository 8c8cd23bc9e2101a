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
    public void Setup() => _hash = _hasher.Hash("correct horse battery");

    [Benchmark]
    public string Hash() => _hasher.Hash("correct horse battery");

    [Benchmark]
    public PasswordCheck Verify() => _hasher.Verify(_hash, "correct horse battery");
}
