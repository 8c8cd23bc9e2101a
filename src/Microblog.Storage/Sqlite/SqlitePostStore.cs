using Microblog.Accounts;
using Microblog.Posts;
using Microsoft.Data.Sqlite;

namespace Microblog.Storage.Sqlite;

public sealed class SqlitePostStore(SqliteDatabase database) : IPostStore
{
    private const string SelectPosts = """
        SELECT p.id, u.username, p.body, p.created_at
        FROM posts p JOIN users u ON u.id = p.user_id
        """;

    private const string InsertPost = """
        INSERT INTO posts (user_id, body, created_at)
        SELECT id, $body, $created_at FROM users WHERE username_key = $username_key
        RETURNING id, user_id;
        """;

    private const string SelectUsername = "SELECT username FROM users WHERE id = $id;";

    private const string UserExists = "SELECT EXISTS (SELECT 1 FROM users WHERE username_key = $username_key);";

    // Four fixed statements instead of optional predicates, so that each one uses its index:
    // the primary key for the timeline, (user_id, id) for one user's posts.
    private const string ListAll = SelectPosts + " ORDER BY p.id DESC LIMIT $limit OFFSET $offset;";
    private const string ListBefore = SelectPosts + " WHERE p.id < $before ORDER BY p.id DESC LIMIT $limit OFFSET $offset;";
    private const string ListByUser = SelectPosts
        + " WHERE u.username_key = $username_key ORDER BY p.id DESC LIMIT $limit OFFSET $offset;";
    private const string ListByUserBefore = SelectPosts
        + " WHERE u.username_key = $username_key AND p.id < $before ORDER BY p.id DESC LIMIT $limit OFFSET $offset;";

    public async Task<Post?> AddAsync(
        string username, string body, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var createdAtMilliseconds = createdAt.ToUnixTimeMilliseconds();
        await database.WriteGate.WaitAsync(cancellationToken);
        try
        {
            await using var session = await database.RentAsync(cancellationToken);
            try
            {
                var insert = session.Command(InsertPost);
                insert.Parameters.AddWithValue("$body", body);
                insert.Parameters.AddWithValue("$created_at", createdAtMilliseconds);
                insert.Parameters.AddWithValue("$username_key", UserKeys.Fold(username));

                long id;
                long userId;
                await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
                {
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        return null;
                    }

                    id = reader.GetInt64(0);
                    userId = reader.GetInt64(1);
                }

                var lookup = session.Command(SelectUsername);
                lookup.Parameters.AddWithValue("$id", userId);
                var storedUsername = (string)(await lookup.ExecuteScalarAsync(cancellationToken))!;

                return new Post(id, storedUsername, body, DateTimeOffset.FromUnixTimeMilliseconds(createdAtMilliseconds));
            }
            catch (SqliteException exception)
            {
                session.MarkBroken();
                throw SqliteErrors.Unavailable("The SQLite database did not accept the post.", exception);
            }
        }
        finally
        {
            database.WriteGate.Release();
        }
    }

    public async Task<IReadOnlyList<Post>> ListAsync(PostQuery query, CancellationToken cancellationToken)
    {
        await using var session = await database.RentAsync(cancellationToken);
        try
        {
            var command = session.Command((query.Username, query.Before) switch
            {
                (null, null) => ListAll,
                (null, _) => ListBefore,
                (_, null) => ListByUser,
                _ => ListByUserBefore,
            });
            command.Parameters.AddWithValue("$limit", query.Limit);
            command.Parameters.AddWithValue("$offset", query.Offset);
            if (query.Username is not null)
            {
                command.Parameters.AddWithValue("$username_key", UserKeys.Fold(query.Username));
            }

            if (query.Before is not null)
            {
                command.Parameters.AddWithValue("$before", query.Before.Value);
            }

            var posts = new List<Post>(query.Limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                posts.Add(new Post(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
            }

            return posts;
        }
        catch (SqliteException exception)
        {
            session.MarkBroken();
            throw SqliteErrors.Unavailable("The SQLite database failed to list posts.", exception);
        }
    }

    public async Task<bool> UserExistsAsync(string username, CancellationToken cancellationToken)
    {
        await using var session = await database.RentAsync(cancellationToken);
        try
        {
            var command = session.Command(UserExists);
            command.Parameters.AddWithValue("$username_key", UserKeys.Fold(username));
            return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
        }
        catch (SqliteException exception)
        {
            session.MarkBroken();
            throw SqliteErrors.Unavailable("The SQLite database failed to look up a user.", exception);
        }
    }

    public ValueTask<long?> GetVersionAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<long?>(database.ReadDataVersion());
}
