using Microblog.Storage.Migrations;

namespace Microblog.Storage.Sqlite;

/// <summary>
/// The SQLite schema, one migration a version. Never edit a released migration: add one.
/// Times are Unix milliseconds. AUTOINCREMENT keeps post ids from being reused, so a
/// <c>before</c> cursor stays correct. The <c>password</c> column holds the password hash, under
/// the name that earlier deployments of this API used.
/// </summary>
internal static class SqliteMigrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "create users and posts", """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                username TEXT NOT NULL,
                username_key TEXT NOT NULL,
                password TEXT NOT NULL,
                email TEXT NOT NULL,
                email_key TEXT NOT NULL,
                first_name TEXT NOT NULL,
                last_name TEXT NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE UNIQUE INDEX users_username_key ON users (username_key);
            CREATE UNIQUE INDEX users_email_key ON users (email_key);
            CREATE TABLE posts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id INTEGER NOT NULL REFERENCES users (id),
                body TEXT NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX posts_user_id_id ON posts (user_id, id);
            """),
    ];
}
