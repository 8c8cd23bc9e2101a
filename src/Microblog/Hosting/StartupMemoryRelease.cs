namespace Microblog.Hosting;

/// <summary>
/// A single garbage collection a second after the app is ready, which returns the memory that
/// start-up leaves behind. Configuration, dependency injection and Kestrel allocate a few MiB
/// that are garbage once the app is ready. The GC keeps that memory committed until its first
/// collection, and a replica waiting for traffic may not reach one for a long time. The
/// one-second wait keeps the collection's pause out of a cold start's first request.
/// </summary>
internal sealed class StartupMemoryRelease(Readiness readiness) : BackgroundService
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            await Task.Delay(Delay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
