using MySqlConnector;

namespace Microblog.Storage.MySql;

/// <summary>
/// A MySQL or MariaDB database reached through one <see cref="MySqlDataSource"/>, whose pool
/// the stores share. Connecting and each command time out after a few seconds, so a request
/// fails with <see cref="StoreUnavailableException"/> (503) instead of hanging while the
/// server is away; the pool replaces broken connections, so the service recovers by itself.
/// </summary>
public sealed class MySqlDatabase : IDatabase, IAsyncDisposable
{
    /// <summary>Seconds allowed to open a connection and to run a command.</summary>
    public const int TimeoutSeconds = 5;

    private readonly MySqlDataSource _dataSource;

    public MySqlDatabase(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString)
        {
            ConnectionTimeout = TimeoutSeconds,
            DefaultCommandTimeout = TimeoutSeconds,
            CharacterSet = "utf8mb4",
        };
        if (string.IsNullOrEmpty(builder.Database))
        {
            throw new ArgumentException("The MySQL connection string names no database.", nameof(connectionString));
        }

        Server = $"{builder.Server}:{builder.Port}";
        DatabaseName = builder.Database;
        _dataSource = new MySqlDataSource(builder.ConnectionString);
    }

    /// <summary>The host and port, as in <c>db.example:3306</c>.</summary>
    public string Server { get; }

    public string DatabaseName { get; }

    public string Description => $"MySQL {Server}, database {DatabaseName}";

    public Task<int> MigrateAsync(CancellationToken cancellationToken) =>
        new MySqlMigrator(this).MigrateAsync(cancellationToken);

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM schema_migrations LIMIT 1;";
        try
        {
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (MySqlException exception) when (MySqlErrors.IsTransient(exception))
        {
            throw Unavailable("did not respond to a ping", exception);
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    internal async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (MySqlException exception) when (MySqlErrors.IsTransient(exception))
        {
            throw Unavailable("could not be reached", exception);
        }
    }

    /// <summary>Builds the exception for a transient failure, naming the server but no secret.</summary>
    internal StoreUnavailableException Unavailable(string failure, Exception exception) =>
        new($"The MySQL server {Server} (database {DatabaseName}) {failure}: {exception.Message}", exception);
}
