using Prometheus;

namespace Microblog.Operations;

/// <summary>The health, readiness and metrics paths that both hosts serve.</summary>
internal static class OperationsEndpoints
{
    public const string HealthPath = "/healthz";

    /// <summary>The path of-watchdog's <c>ready_path</c> points at.</summary>
    public const string ReadyPath = "/_/ready";

    public const string MetricsPath = "/metrics";

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks(HealthPath);
        routes.MapHealthChecks(ReadyPath);
        routes.MapMetrics(MetricsPath, routes.ServiceProvider.GetRequiredService<FunctionMetrics>().Registry);
        return routes;
    }
}
