namespace Microblog.Storage.Migrations;

/// <summary>
/// A migration that cannot proceed without losing data. The message lists the rows that
/// prevent it. Nothing has been changed when it is thrown.
/// </summary>
public sealed class MigrationException : Exception
{
    public MigrationException()
    {
    }

    public MigrationException(string message)
        : base(message)
    {
    }

    public MigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
