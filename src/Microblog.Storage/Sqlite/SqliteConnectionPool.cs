using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Microblog.Storage.Sqlite;

/// <summary>
/// Keeps open connections with their settings applied and their statements prepared.
/// Microsoft.Data.Sqlite's own pool would run the per-connection PRAGMAs and parse each
/// statement again on every open; this one does that once per connection.
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString, string initializationSql, int maxIdle) : IDisposable
{
    private readonly ConcurrentBag<SqliteSession> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    public async ValueTask<SqliteSession> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            return session;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = initializationSql;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new SqliteSession(connection, this);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes a session back; returns false when the pool is full or disposed.</summary>
    public bool Return(SqliteSession session)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > maxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            return false;
        }

        _idle.Add(session);

        // Dispose may have emptied the pool between the check above and the Add, so the
        // session would stay open. Both sides take sessions out, so each closes once.
        if (_disposed)
        {
            CloseIdle();
        }

        return true;
    }

    /// <summary>Closes the idle connections. A session rented at this moment closes when it is disposed.</summary>
    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void CloseIdle()
    {
        while (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            session.Close();
        }
    }
}
