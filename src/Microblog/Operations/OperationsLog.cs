namespace Microblog.Operations;

/// <summary>Source-generated log messages of requests and startup. Event ids: 4xx.</summary>
internal static partial class OperationsLog
{
    [LoggerMessage(400, LogLevel.Information,
        "{Function} {Method} {Path} returned {StatusCode} in {DurationMs} ms")]
    public static partial void FunctionInvoked(
        ILogger logger, string function, string method, string path, int statusCode, double durationMs);

    [LoggerMessage(401, LogLevel.Debug, "{Method} {Path} returned {StatusCode} in {DurationMs} ms")]
    public static partial void RequestServed(
        ILogger logger, string method, string path, int statusCode, double durationMs);

    [LoggerMessage(410, LogLevel.Warning,
        "The database is not ready (attempt {Attempt}); retrying in {DelaySeconds} s")]
    public static partial void DatabaseNotReady(ILogger logger, Exception exception, int attempt, double delaySeconds);

    [LoggerMessage(411, LogLevel.Critical, "Startup failed; the process stops")]
    public static partial void StartupFailed(ILogger logger, Exception exception);

    [LoggerMessage(412, LogLevel.Information, "Ready: the database and the keys are loaded after {ElapsedMs} ms")]
    public static partial void Ready(ILogger logger, double elapsedMs);

    [LoggerMessage(420, LogLevel.Warning, "The validate-jwt function at {Url} failed: {Reason}")]
    public static partial void RemoteValidationFailed(ILogger logger, Exception? exception, string url, string reason);
}
