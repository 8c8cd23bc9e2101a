using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microblog.Accounts;
using Microblog.Tokens;

namespace Microblog.Benchmarks;

/// <summary>Issuing and validating one RS256 token with a 2048-bit key, in process.</summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private readonly User _user = new(42, "quill", "quill@example.test", "Ada", "Quill", "");
    private TokenIssuer _issuer = null!;
    private TokenValidator _validator = null!;
    private string _token = "";

    [GlobalSetup]
    public void Setup()
    {
        var keys = new KeyRing(RSA.Create(2048), []);
        var options = new TokenOptions();
        _issuer = new TokenIssuer(keys, options, TimeProvider.System);
        _validator = new TokenValidator(keys, options);
        _token = _issuer.Issue(_user).Token;
    }

    [Benchmark]
    public string Issue() => _issuer.Issue(_user).Token;

    [Benchmark]
    public async Task<bool> Validate() => (await _validator.ValidateAsync(_token, CancellationToken.None)).IsValid;
}
