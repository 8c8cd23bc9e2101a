using Microblog.Storage.Migrations;

namespace Microblog.Storage.MySql;

/// <summary>
/// The MySQL schema, one migration a version. Never edit a released migration: add one.
/// Every statement tolerates a partial earlier run (MySQL commits each DDL statement on its
/// own, so a migration cannot roll back). Times are Unix milliseconds. The key columns hold
/// lower-case keys compared byte by byte (utf8mb4_bin), so their unique indexes decide
/// uniqueness exactly as <c>UserKeys.Fold</c> does. InnoDB never reuses an AUTO_INCREMENT
/// value that was handed out (MariaDB 10.2.4 and later, MySQL 8.0), so a <c>before</c>
/// cursor stays correct.
/// </summary>
internal static class MySqlMigrations
{
    public const string TableOptions = "ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin";

    /// <summary>Version 1 also adopts a <c>users</c> table of an earlier deployment first.</summary>
    public const int CreateTablesVersion = 1;

    public static readonly IReadOnlyList<Migration> All =
    [
        new(CreateTablesVersion, "create users and posts", $"""
            CREATE TABLE IF NOT EXISTS users (
                id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
                username TEXT NOT NULL,
                username_key VARCHAR(255) NOT NULL,
                password TEXT NOT NULL,
                email TEXT NOT NULL,
                email_key VARCHAR(320) NOT NULL,
                first_name TEXT NOT NULL,
                last_name TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                UNIQUE KEY users_username_key (username_key),
                UNIQUE KEY users_email_key (email_key)
            ) {TableOptions};
            CREATE TABLE IF NOT EXISTS posts (
                id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
                user_id BIGINT NOT NULL,
                body TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                KEY posts_user_id_id (user_id, id),
                CONSTRAINT posts_user_id FOREIGN KEY (user_id) REFERENCES users (id)
            ) {TableOptions};
            """),
    ];
}
