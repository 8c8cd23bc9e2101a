using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microblog.Hosting;

/// <summary>
/// Whether the database is migrated and the keys are loaded. Until then the readiness and
/// health paths return 503 and functions are not invoked.
/// </summary>
internal sealed class Readiness : IHealthCheck
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _isReady;

    public bool IsReady => _isReady;

    /// <summary>Completes when the app is marked ready.</summary>
    public Task WhenReady => _ready.Task;

    public void MarkReady()
    {
        _isReady = true;
        _ready.TrySetResult();
    }

    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_isReady
            ? HealthCheckResult.Healthy("The database and the keys are loaded.")
            : HealthCheckResult.Unhealthy("Starting: the database or the keys are not loaded yet."));
}
