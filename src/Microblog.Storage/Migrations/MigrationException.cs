namespace Microblog.Storage.Migrations;

/// <summary>
/// A migration cannot proceed without losing data; the message says which rows stand in the
/// way. Nothing has been changed when it is thrown.
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
