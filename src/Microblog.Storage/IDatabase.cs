namespace Microblog.Storage;

/// <summary>The database behind the stores, as the host uses it: migrations and health.</summary>
public interface IDatabase
{
    /// <summary>A description for logs, such as the file path or the server; never a password.</summary>
    string Description { get; }

    /// <summary>Applies pending migrations and returns how many were applied.</summary>
    Task<int> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Runs a trivial query; throws when the database does not respond.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
