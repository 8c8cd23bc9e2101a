using Microblog.Storage.Migrations;
using MySqlConnector;

namespace Microblog.Storage.MySql;

/// <summary>
/// Adopts the <c>users</c> table of an earlier deployment of this API:
/// <c>users(id INT AUTO_INCREMENT, username TEXT, password TEXT, email TEXT, first_name,
/// last_name)</c> with unsalted SHA-256 hex digests in <c>password</c>. Adoption keeps every
/// row and value: it converts the table to InnoDB and utf8mb4, widens <c>id</c> to BIGINT,
/// adds the key columns filled with <c>LOWER()</c> of username and e-mail, adds
/// <c>created_at</c> (0 for adopted rows, whose creation time is unknown) and the unique
/// indexes. Rows that would break a unique index stop the migration before any change.
/// </summary>
internal static class MySqlLegacyUsers
{
    private const int MaxListed = 20;

    public static async Task AdoptAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var columns = await ReadColumnsAsync(connection, cancellationToken);
        if (columns.Count == 0 || IsAdopted(columns))
        {
            return;
        }

        await RejectMissingValuesAsync(connection, cancellationToken);
        await RejectCaseDuplicatesAsync(connection, "username", cancellationToken);
        await RejectCaseDuplicatesAsync(connection, "email", cancellationToken);

        var statements = new List<string>();
        if (!await IsUtf8mb4Async(connection, cancellationToken))
        {
            statements.Add("ALTER TABLE users ENGINE = InnoDB, CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;");
        }

        var additions = new List<string> { "ENGINE = InnoDB", "MODIFY id BIGINT NOT NULL AUTO_INCREMENT" };
        if (!columns.Contains("username_key"))
        {
            additions.Add("ADD COLUMN username_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL");
        }

        if (!columns.Contains("email_key"))
        {
            additions.Add("ADD COLUMN email_key VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL");
        }

        if (!columns.Contains("created_at"))
        {
            additions.Add("ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0");
        }

        statements.Add($"ALTER TABLE users {string.Join(", ", additions)};");

        // LOWER() folds ASCII exactly as UserKeys.Fold does, and usernames are ASCII. For
        // non-ASCII e-mail addresses the two may differ in rare letters.
        statements.Add("""
            UPDATE users SET username_key = LOWER(username), email_key = LOWER(email)
            WHERE username_key IS NULL OR email_key IS NULL;
            """);
        statements.Add("""
            ALTER TABLE users
                MODIFY username_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
                MODIFY email_key VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
                ADD UNIQUE INDEX users_username_key (username_key),
                ADD UNIQUE INDEX users_email_key (email_key);
            """);

        foreach (var statement in statements)
        {
            await MySqlMigrator.ExecuteAsync(connection, statement, cancellationToken);
        }
    }

    private static bool IsAdopted(HashSet<string> columnsAndIndexes) =>
        columnsAndIndexes.Contains("created_at")
        && columnsAndIndexes.Contains("users_username_key")
        && columnsAndIndexes.Contains("users_email_key");

    /// <summary>Reads the column names of <c>users</c>, plus its index names; empty when there is no such table.</summary>
    private static async Task<HashSet<string>> ReadColumnsAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = DATABASE() AND table_name = 'users'
            UNION
            SELECT index_name FROM information_schema.statistics
            WHERE table_schema = DATABASE() AND table_name = 'users';
            """;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<bool> IsUtf8mb4Async(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*) FROM information_schema.columns
            WHERE table_schema = DATABASE() AND table_name = 'users'
              AND character_set_name IS NOT NULL AND character_set_name <> 'utf8mb4';
            """;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    private static async Task RejectMissingValuesAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var ids = await ReadListAsync(connection, $"""
            SELECT CAST(id AS CHAR) FROM users
            WHERE username IS NULL OR email IS NULL OR password IS NULL
            ORDER BY id LIMIT {MaxListed};
            """, cancellationToken);
        if (ids.Count > 0)
        {
            throw new MigrationException(
                $"The existing users table has rows without a username, e-mail or password (ids {string.Join(", ", ids)}). "
                + "Fill in or delete these rows, then start again; nothing has been changed.");
        }
    }

    /// <summary>
    /// Rejects values that differ only in case, such as <c>Alice</c> and <c>alice</c>: both
    /// fold to one key, so the unique index could not be built without dropping one of them.
    /// </summary>
    private static async Task RejectCaseDuplicatesAsync(
        MySqlConnection connection, string column, CancellationToken cancellationToken)
    {
        // Grouping by the bytes of the lower-case value keeps accent-insensitive legacy
        // collations from grouping values whose keys differ.
        var groups = await ReadListAsync(connection, $"""
            SELECT GROUP_CONCAT(CONCAT('"', {column}, '"') ORDER BY id SEPARATOR ' and ')
            FROM users
            GROUP BY CAST(LOWER({column}) AS BINARY)
            HAVING COUNT(*) > 1
            LIMIT {MaxListed};
            """, cancellationToken);
        if (groups.Count > 0)
        {
            throw new MigrationException(
                $"The existing users table has {column} values that differ only in case: {string.Join("; ", groups)}. "
                + $"Each {column} must be unique ignoring case. Rename or merge these accounts, then start again; "
                + "nothing has been changed.");
        }
    }

    private static async Task<List<string>> ReadListAsync(
        MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
