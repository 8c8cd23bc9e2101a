namespace Microblog.Hosting;

/// <summary>Source-generated log messages. Event ids: 1xx startup, 2xx requests, 3xx keys.</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Database ready: {Database}; {Applied} migrations applied")]
    public static partial void DatabaseReady(ILogger logger, string database, int applied);

    [LoggerMessage(101, LogLevel.Information, "Microblog {Mode} listening on {Addresses}")]
    public static partial void Listening(ILogger logger, string mode, string addresses);

    [LoggerMessage(200, LogLevel.Warning, "Function {Function} answered 503: the database is unavailable")]
    public static partial void DatabaseUnavailable(ILogger logger, Exception exception, string function);

    [LoggerMessage(201, LogLevel.Error, "Unhandled error serving {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(300, LogLevel.Information, "Created a 2048-bit RSA signing key at {Path}")]
    public static partial void KeyCreated(ILogger logger, string path);

    [LoggerMessage(301, LogLevel.Information, "Signing key {KeyId} loaded from {Source}; {Count} public keys trusted for validation")]
    public static partial void KeysLoaded(ILogger logger, string keyId, string source, int count);
}
