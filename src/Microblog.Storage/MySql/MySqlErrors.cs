using MySqlConnector;

namespace Microblog.Storage.MySql;

internal static class MySqlErrors
{
    public static bool IsDuplicateKey(MySqlException exception) =>
        exception.ErrorCode == MySqlErrorCode.DuplicateKeyEntry;

    /// <summary>
    /// Errors after which a retry may succeed: the server is unreachable, shutting down, out of
    /// connections or too slow, or the statement lost a deadlock or a lock wait.
    /// </summary>
    public static bool IsTransient(MySqlException exception) =>
        exception.IsTransient
        || exception.ErrorCode is MySqlErrorCode.UnableToConnectToHost
            or MySqlErrorCode.CommandTimeoutExpired
            or MySqlErrorCode.LockDeadlock
            or MySqlErrorCode.LockWaitTimeout
            or MySqlErrorCode.ServerShutdown
            or MySqlErrorCode.ConnectionCountError
            or MySqlErrorCode.QueryInterrupted
        || exception.InnerException is IOException or System.Net.Sockets.SocketException or EndOfStreamException;
}
