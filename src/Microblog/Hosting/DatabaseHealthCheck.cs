using Microblog.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microblog.Hosting;

/// <summary>Reports healthy when the database completes a trivial query within two seconds.</summary>
internal sealed class DatabaseHealthCheck(IDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await database.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy(database.Description);
        }
        catch (Exception exception) when (exception is StoreUnavailableException or OperationCanceledException
            or System.Data.Common.DbException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
