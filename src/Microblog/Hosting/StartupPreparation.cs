using System.Data.Common;
using System.Diagnostics;
using Microblog.Operations;

namespace Microblog.Hosting;

/// <summary>
/// Loads the keys and the database of <c>microblog function</c> after it starts listening, so
/// the watchdog's readiness probe gets 503 instead of a refused connection. An unreachable
/// database is retried with a delay that doubles up to 5 s. A bad setting, such as an
/// unreadable key, stops the process with exit code 1.
/// </summary>
internal sealed class StartupPreparation(
    IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<StartupPreparation> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Hosted services start before Kestrel, so yielding here lets it listen while the keys load.
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MicroblogHost.PrepareAsync(services, logger, stoppingToken);
                OperationsLog.Ready(logger, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
                return;
            }
            catch (Exception exception) when (exception is DbException or StoreUnavailableException)
            {
                OperationsLog.DatabaseNotReady(logger, exception, attempt, delay.TotalSeconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException
                or UnauthorizedAccessException)
            {
                OperationsLog.StartupFailed(logger, exception);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
                return;
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
        }
    }
}
