using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microblog.Http;

namespace Microblog.Benchmarks;

/// <summary>Serializing a full list-posts page of 100 posts of 140 characters to UTF-8.</summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private readonly PostPageResponse _page = new(
        Enumerable.Range(1, 100)
            .Select(i => new PostResponse(10_000 - i, $"user_{i % 17}", new string('a', 130) + " 日本語 🎉", DateTimeOffset.UnixEpoch.AddDays(i)))
            .ToList(),
        9_900);

    private readonly MemoryStream _stream = new();

    [Benchmark]
    public long SerializePage()
    {
        _stream.Position = 0;
        JsonSerializer.Serialize(_stream, _page, ApiJsonContext.Wire.PostPageResponse);
        return _stream.Position;
    }
}
