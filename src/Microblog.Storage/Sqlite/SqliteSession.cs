using Microsoft.Data.Sqlite;

namespace Microblog.Storage.Sqlite;

/// <summary>
/// An open connection rented from <see cref="SqliteConnectionPool"/>, with its commands kept
/// prepared between uses. Disposing returns it to the pool, unless it failed and was marked
/// broken.
/// </summary>
internal sealed class SqliteSession(SqliteConnection connection, SqliteConnectionPool pool) : IAsyncDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private bool _broken;

    public SqliteConnection Connection => connection;

    /// <summary>
    /// Returns the cached command for this SQL text with its parameters cleared. SQLite keeps
    /// the compiled statement, so it is parsed once per connection, not once per request.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        command.Transaction = null;
        return command;
    }

    /// <summary>Marks the connection as unusable, so that it is closed instead of reused.</summary>
    public void MarkBroken() => _broken = true;

    public ValueTask DisposeAsync()
    {
        if (_broken || !pool.Return(this))
        {
            Close();
        }

        return ValueTask.CompletedTask;
    }

    internal void Close()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        connection.Dispose();
    }
}
