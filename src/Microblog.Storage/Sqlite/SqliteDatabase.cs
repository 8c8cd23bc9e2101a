using System.Globalization;
using Microblog.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace Microblog.Storage.Sqlite;

/// <summary>
/// A SQLite database file in WAL mode. Each connection gets a busy timeout and full
/// synchronous commits, so a post answered with 201 survives a crash of the process.
/// Writers in this process take turns through one gate instead of contending for the file
/// lock; other processes on the same file wait through the busy timeout.
/// </summary>
public sealed class SqliteDatabase : IDatabase, IDisposable
{
    private const int BusyTimeoutMilliseconds = 5_000;

    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
    }

    public string Path { get; }

    public string Description => $"SQLite {Path}";

    /// <summary>Serializes this process's write transactions.</summary>
    internal SemaphoreSlim WriteGate { get; } = new(1, 1);

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);

        // BEGIN IMMEDIATE takes the write lock at once, so of several processes starting on one
        // file, one applies the migrations and the others wait, then find nothing to do.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            System.Data.IsolationLevel.Serializable, cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at INTEGER NOT NULL
            );
            """, cancellationToken);

        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;";
        var current = Convert.ToInt32(await select.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        var applied = 0;
        foreach (var migration in SqliteMigrations.All.Where(m => m.Version > current))
        {
            await ApplyAsync(connection, migration, cancellationToken);
            applied++;
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT 1 FROM schema_migrations LIMIT 1;", cancellationToken);
    }

    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, $"""
                PRAGMA busy_timeout = {BusyTimeoutMilliseconds};
                PRAGMA synchronous = FULL;
                PRAGMA foreign_keys = ON;
                """, cancellationToken);
            return connection;
        }
        catch (SqliteException exception)
        {
            await connection.DisposeAsync();
            throw new StoreUnavailableException($"The SQLite database {Path} could not be opened.", exception);
        }
    }

    public void Dispose()
    {
        WriteGate.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private static async Task ApplyAsync(SqliteConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, migration.Sql, cancellationToken);

        await using var record = connection.CreateCommand();
        record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at);";
        record.Parameters.AddWithValue("$version", migration.Version);
        record.Parameters.AddWithValue("$name", migration.Name);
        record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await record.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
