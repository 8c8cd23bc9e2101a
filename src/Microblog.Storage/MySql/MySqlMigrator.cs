using System.Globalization;
using Microblog.Storage.Migrations;
using MySqlConnector;

namespace Microblog.Storage.MySql;

/// <summary>
/// Applies <see cref="MySqlMigrations"/> under a named lock (GET_LOCK), so of several replicas
/// starting at once one migrates and the others wait for it, then find nothing left to do.
/// </summary>
internal sealed class MySqlMigrator(MySqlDatabase database)
{
    private const int LockWaitSeconds = 120;

    // Adopting a large legacy table rebuilds it, which takes longer than a request may.
    private const int StatementTimeoutSeconds = 600;

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            // Strict mode makes a value that does not fit an error instead of a silent truncation.
            await ExecuteAsync(connection,
                "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES');",
                cancellationToken);
            await AcquireLockAsync(connection, cancellationToken);
            try
            {
                return await ApplyPendingAsync(connection, cancellationToken);
            }
            finally
            {
                await ExecuteAsync(connection, "DO RELEASE_LOCK(CONCAT('microblog_migrate:', DATABASE()));",
                    CancellationToken.None);
            }
        }
        catch (MySqlException exception) when (MySqlErrors.IsTransient(exception))
        {
            throw database.Unavailable("failed during migration", exception);
        }
    }

    private static async Task<int> ApplyPendingAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, $"""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INT NOT NULL PRIMARY KEY,
                name VARCHAR(200) NOT NULL,
                applied_at BIGINT NOT NULL
            ) {MySqlMigrations.TableOptions};
            """, cancellationToken);

        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;";
        var current = Convert.ToInt32(await select.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        var applied = 0;
        foreach (var migration in MySqlMigrations.All.Where(m => m.Version > current))
        {
            if (migration.Version == MySqlMigrations.CreateTablesVersion)
            {
                await MySqlLegacyUsers.AdoptAsync(connection, cancellationToken);
            }

            await ApplyAsync(connection, migration, cancellationToken);
            applied++;
        }

        return applied;
    }

    private async Task AcquireLockAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT GET_LOCK(CONCAT('microblog_migrate:', DATABASE()), @wait);";
        command.Parameters.AddWithValue("@wait", LockWaitSeconds);
        command.CommandTimeout = LockWaitSeconds + MySqlDatabase.TimeoutSeconds;
        var result = await command.ExecuteScalarAsync(cancellationToken);
        if (result is not (long and 1) and not (int and 1))
        {
            throw new StoreUnavailableException(
                $"Another process held the migration lock of {database.Description} for more than {LockWaitSeconds} s.");
        }
    }

    private static async Task ApplyAsync(MySqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, migration.Sql, cancellationToken);

        await using var record = connection.CreateCommand();
        record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at);";
        record.Parameters.AddWithValue("@version", migration.Version);
        record.Parameters.AddWithValue("@name", migration.Name);
        record.Parameters.AddWithValue("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await record.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = StatementTimeoutSeconds;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
