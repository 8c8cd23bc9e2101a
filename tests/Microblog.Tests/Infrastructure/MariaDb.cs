using MySqlConnector;

namespace Microblog.Tests.Infrastructure;

/// <summary>
/// The MariaDB server named by <c>MICROBLOG_TEST_MYSQL</c>, a connection string whose user may
/// create and drop databases. Each test class gets a database of its own.
/// </summary>
public static class MariaDb
{
    public const string ConnectionStringVariable = "MICROBLOG_TEST_MYSQL";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value ? value : null;

    public static string SkipReason =>
        $"{ConnectionStringVariable} is not set; set it to a MariaDB connection string (see .ci/mariadb.sh) to run these tests.";

    /// <summary>Creates a database with a random name; disposing the result drops it.</summary>
    public static Task<TestDatabase> CreateDatabaseAsync() =>
        TestDatabase.CreateAsync(ConnectionString
            ?? throw new InvalidOperationException(SkipReason));
}

/// <summary>A database created for one test or test class and dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new MySqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>A connection string to this database.</summary>
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string serverConnectionString)
    {
        var database = new TestDatabase(serverConnectionString, $"microblog_test_{Guid.NewGuid():N}"[..31]);
        await database.ExecuteOnServerAsync(
            $"CREATE DATABASE `{database.Name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;");
        return database;
    }

    /// <summary>Opens a connection of its own to this database, outside the service's pool.</summary>
    public async Task<MySqlConnection> OpenAsync()
    {
        var builder = new MySqlConnectionStringBuilder(ConnectionString) { Pooling = false };
        var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS `{Name}`;");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new MySqlConnectionStringBuilder(_serverConnectionString) { Database = "", Pooling = false };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
