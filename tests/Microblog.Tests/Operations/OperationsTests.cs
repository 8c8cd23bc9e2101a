using System.Net;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Operations;

/// <summary>Health, readiness and metrics of <c>microblog serve</c>.</summary>
public sealed class OperationsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MicroblogClient _api = fixture.Api;

    [Fact]
    public async Task ServeMetricsCountEachFunction()
    {
        var user = TestUser.Create("gauge");
        Assert.Equal(HttpStatusCode.Created, (await _api.RegisterAsync(user)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _api.RegisterAsync(user)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("function/list-posts?limit=1")).Status);

        var metrics = await fixture.Server.Client.GetStringAsync("metrics");

        Assert.Contains("gateway_function_invocation_total{function_name=\"register\",code=\"201\"}", metrics,
            StringComparison.Ordinal);
        Assert.Contains("gateway_function_invocation_total{function_name=\"register\",code=\"409\"}", metrics,
            StringComparison.Ordinal);
        Assert.Contains("gateway_functions_seconds_bucket{function_name=\"list-posts\",code=\"200\",le=\"+Inf\"}", metrics,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeReportsReadyAndHealthy()
    {
        using var ready = await fixture.Server.Client.GetAsync("_/ready");
        using var health = await fixture.Server.Client.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownPathIsNotCounted()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync("function/delete-post")).Status);

        var metrics = await fixture.Server.Client.GetStringAsync("metrics");

        Assert.DoesNotContain("delete-post", metrics, StringComparison.Ordinal);
    }
}
