using System.Globalization;
using Microblog.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace Microblog.Storage.Sqlite;

/// <summary>
/// A SQLite database file in WAL mode. Each connection gets a busy timeout and full
/// synchronous commits, so a post acknowledged with 201 survives a crash of the process.
/// Writers in this process take turns through one gate instead of contending for the file
/// lock; other processes on the same file wait through the busy timeout.
/// </summary>
public sealed class SqliteDatabase : IDatabase, IDisposable
{
    private const int BusyTimeoutMilliseconds = 5_000;
    private const int MaxIdleConnections = 16;

    private static readonly string ConnectionSettings = $"""
        PRAGMA busy_timeout = {BusyTimeoutMilliseconds};
        PRAGMA synchronous = FULL;
        PRAGMA foreign_keys = ON;
        """;

    private readonly string _connectionString;
    private readonly SqliteConnectionPool _pool;
    private readonly Lock _versionLock = new();
    private SqliteConnection? _versionConnection;
    private SqliteCommand? _versionCommand;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        _pool = new SqliteConnectionPool(_connectionString, ConnectionSettings, MaxIdleConnections);
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

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, ConnectionSettings, cancellationToken);
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
        await using var session = await RentAsync(cancellationToken);
        try
        {
            await session.Command("SELECT 1 FROM schema_migrations LIMIT 1;").ExecuteScalarAsync(cancellationToken);
        }
        catch (SqliteException exception)
        {
            session.MarkBroken();
            throw new StoreUnavailableException($"The SQLite database {Path} failed a health query.", exception);
        }
    }

    /// <summary>Rents an open connection; dispose the session to return it.</summary>
    internal async ValueTask<SqliteSession> RentAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _pool.RentAsync(cancellationToken);
        }
        catch (SqliteException exception)
        {
            throw new StoreUnavailableException($"The SQLite database {Path} could not be opened.", exception);
        }
    }

    /// <summary>
    /// Returns SQLite's data version as seen by a connection that never writes: it changes
    /// whenever any other connection, in this process or another, commits a change.
    /// </summary>
    internal long ReadDataVersion()
    {
        lock (_versionLock)
        {
            try
            {
                if (_versionCommand is null)
                {
                    _versionConnection = new SqliteConnection(_connectionString);
                    _versionConnection.Open();
                    _versionCommand = _versionConnection.CreateCommand();
                    _versionCommand.CommandText = "PRAGMA data_version;";
                }

                return (long)_versionCommand.ExecuteScalar()!;
            }
            catch (SqliteException exception)
            {
                CloseVersionConnection();
                throw new StoreUnavailableException($"The SQLite database {Path} failed a health query.", exception);
            }
        }
    }

    public void Dispose()
    {
        _pool.Dispose();
        lock (_versionLock)
        {
            CloseVersionConnection();
        }

        WriteGate.Dispose();
    }

    private void CloseVersionConnection()
    {
        _versionCommand?.Dispose();
        _versionCommand = null;
        _versionConnection?.Dispose();
        _versionConnection = null;
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
