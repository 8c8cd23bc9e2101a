using Microblog.Storage.Migrations;

namespace Microblog.Hosting;

/// <summary>The failures a command reports as one line and exit code 1 instead of a crash.</summary>
internal static class StartupErrors
{
    /// <summary>
    /// True for an unreachable database, a migration that would lose data, and an invalid
    /// setting (which the settings readers raise as <see cref="InvalidOperationException"/>).
    /// </summary>
    public static bool IsExpected(Exception exception) =>
        exception is StoreUnavailableException or MigrationException or InvalidOperationException;
}
