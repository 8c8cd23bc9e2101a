using Microsoft.Data.Sqlite;

namespace Microblog.Storage.Sqlite;

internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Constraint = 19;
    private const int ConstraintUnique = 2067;

    public static bool IsUniqueViolation(SqliteException exception) =>
        exception.SqliteErrorCode == Constraint && exception.SqliteExtendedErrorCode == ConstraintUnique;

    /// <summary>Errors after which a retry may succeed: the file is locked, full or unreadable.</summary>
    public static bool IsTransient(SqliteException exception) =>
        exception.SqliteErrorCode is Busy or Locked or IoError or Full or CantOpen;

    /// <summary>
    /// Wraps a failure as <see cref="StoreUnavailableException"/> when a retry may succeed, and
    /// returns it unchanged otherwise, so that a real defect still surfaces as one.
    /// </summary>
    public static Exception Unavailable(string message, SqliteException exception) =>
        IsTransient(exception) ? new StoreUnavailableException(message, exception) : exception;
}
