using Prometheus;

namespace Microblog.Operations;

/// <summary>
/// Prometheus metrics of function invocations, under the names and labels the OpenFaaS gateway
/// uses, so dashboards and alerts written for OpenFaaS read them unchanged. Each app has its
/// own registry, so several apps in one process count separately.
/// </summary>
internal sealed class FunctionMetrics
{
    private static readonly string[] Labels = ["function_name", "code"];

    private readonly Counter _invocations;
    private readonly Histogram _duration;

    public FunctionMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _invocations = factory.CreateCounter(
            "gateway_function_invocation_total",
            "Function invocations by function name and HTTP status code.",
            Labels);
        _duration = factory.CreateHistogram(
            "gateway_functions_seconds",
            "Function invocation time in seconds, by function name and HTTP status code.",
            new HistogramConfiguration { LabelNames = Labels });
    }

    public CollectorRegistry Registry { get; }

    public void Record(string function, int statusCode, TimeSpan duration)
    {
        var code = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _invocations.WithLabels(function, code).Inc();
        _duration.WithLabels(function, code).Observe(duration.TotalSeconds);
    }
}
