using Microblog.Storage.Migrations;

namespace Microblog.Hosting;

/// <summary>The failures a command reports as one line and exit code 1 instead of a crash.</summary>
internal static class StartupErrors
{
    /// <summary>
    /// True for an unreachable or unreadable database, a migration that would lose data, an
    /// invalid setting (which the settings readers raise as <see cref="InvalidOperationException"/>),
    /// a file or folder that cannot be read or written (the data folder, the key file), and an
    /// address that cannot be bound. Each message names the value to fix.
    /// </summary>
    public static bool IsExpected(Exception exception) =>
        exception is StoreUnavailableException or MigrationException or InvalidOperationException
            or IOException or UnauthorizedAccessException or System.Data.Common.DbException;
}
