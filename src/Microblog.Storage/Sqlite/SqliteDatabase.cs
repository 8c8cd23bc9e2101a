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

    /// <summary>
    /// The size in bytes that SQLite truncates the <c>-wal</c> file to when it restarts the log
    /// after a full checkpoint. Without a limit the file keeps the size of its largest burst,
    /// which can reach hundreds of MB while readers hold checkpoints back. The default
    /// auto-checkpoint runs at 1000 pages (about 4 MB with 4 KiB pages), so 16 MiB leaves a
    /// normal log alone and cuts only one that outgrew it.
    /// </summary>
    private const long JournalSizeLimitBytes = 16L * 1024 * 1024;

    private static readonly string ConnectionSettings = $"""
        PRAGMA busy_timeout = {BusyTimeoutMilliseconds};
        PRAGMA synchronous = FULL;
        PRAGMA foreign_keys = ON;
        PRAGMA journal_size_limit = {JournalSizeLimitBytes};
        """;

    private readonly string _connectionString;
    private readonly SqliteConnectionPool _pool;
    private readonly Lock _versionLock = new();
    private SqliteConnection? _versionConnection;
    private SqliteCommand? _versionCommand;
    private bool _disposed;

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

    /// <summary>
    /// Serializes this process's write transactions. It is not disposed with the database,
    /// because a write still running at shutdown releases it afterwards, and a SemaphoreSlim
    /// holds no native handle unless its AvailableWaitHandle is read.
    /// </summary>
    internal SemaphoreSlim WriteGate { get; } = new(1, 1);

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        CreatePrivateFile(Path);

        // A pooled connection stays open for the first request. Were it closed, SQLite would
        // checkpoint and delete the WAL and shared-memory files as the last connection closes,
        // and the first request would have to create them again.
        await using var session = await RentAsync(cancellationToken);
        var connection = session.Connection;
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
            ObjectDisposedException.ThrowIf(_disposed, this);
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

    /// <summary>
    /// Closes the idle connections and the data version connection. Sessions rented at this
    /// moment are closed when they are disposed, so the last of them checkpoints the log.
    /// </summary>
    public void Dispose()
    {
        _pool.Dispose();
        lock (_versionLock)
        {
            _disposed = true;
            CloseVersionConnection();
        }
    }

    private void CloseVersionConnection()
    {
        _versionCommand?.Dispose();
        _versionCommand = null;
        _versionConnection?.Dispose();
        _versionConnection = null;
    }

    /// <summary>
    /// Creates the database file readable and writable by its owner only. SQLite would create
    /// it with the process's umask, usually readable by everyone, although it contains password
    /// hashes and e-mail addresses. SQLite gives its -wal and -shm files the same mode.
    /// </summary>
    private static void CreatePrivateFile(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path) || Directory.Exists(path))
        {
            return;
        }

        try
        {
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another process on the same folder created it first, or the path is unusable,
            // which SQLite then reports when it opens the file.
        }
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
