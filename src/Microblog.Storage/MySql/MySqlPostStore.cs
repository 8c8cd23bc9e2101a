using Microblog.Accounts;
using Microblog.Posts;
using MySqlConnector;

namespace Microblog.Storage.MySql;

public sealed class MySqlPostStore(MySqlDatabase database) : IPostStore
{
    // The timeline reads posts newest first by primary key and looks up each author. Without
    // STRAIGHT_JOIN the optimizer may start from the smaller users table, scan it in full and
    // sort the joined rows. One user's posts start from the unique username key instead.
    private const string SelectTimeline = """
        SELECT p.id, u.username, p.body, p.created_at
        FROM posts p STRAIGHT_JOIN users u ON u.id = p.user_id
        """;

    private const string SelectUserPosts = """
        SELECT p.id, u.username, p.body, p.created_at
        FROM users u JOIN posts p ON p.user_id = u.id
        """;

    public async Task<Post?> AddAsync(
        string username, string body, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var createdAtMilliseconds = createdAt.ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await using var lookup = connection.CreateCommand();
            lookup.CommandText = "SELECT id, username FROM users WHERE username_key = @username_key;";
            lookup.Parameters.AddWithValue("@username_key", UserKeys.Fold(username));
            long userId;
            string storedUsername;
            await using (var reader = await lookup.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return null;
                }

                userId = reader.GetInt64(0);
                storedUsername = reader.GetString(1);
            }

            // Autocommit: InnoDB has made the row durable when the statement returns.
            // NOTE: InnoDB assigns the id before the commit, so concurrent posts can become
            // visible out of id order. A page read at that moment may lack a lower id that
            // appears a moment later, which a reader paging with before then passes over.
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO posts (user_id, body, created_at) VALUES (@user_id, @body, @created_at);";
            insert.Parameters.AddWithValue("@user_id", userId);
            insert.Parameters.AddWithValue("@body", body);
            insert.Parameters.AddWithValue("@created_at", createdAtMilliseconds);
            await insert.ExecuteNonQueryAsync(cancellationToken);

            return new Post(insert.LastInsertedId, storedUsername, body,
                DateTimeOffset.FromUnixTimeMilliseconds(createdAtMilliseconds));
        }
        catch (MySqlException exception) when (MySqlErrors.IsTransient(exception))
        {
            throw database.Unavailable("did not accept the post", exception);
        }
    }

    public async Task<IReadOnlyList<Post>> ListAsync(PostQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = BuildListSql(query);
        command.Parameters.AddWithValue("@limit", query.Limit);
        command.Parameters.AddWithValue("@offset", query.Offset);
        if (query.Username is not null)
        {
            command.Parameters.AddWithValue("@username_key", UserKeys.Fold(query.Username));
        }

        if (query.Before is not null)
        {
            command.Parameters.AddWithValue("@before", query.Before.Value);
        }

        try
        {
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
        catch (MySqlException exception) when (MySqlErrors.IsTransient(exception))
        {
            throw database.Unavailable("did not respond to a post listing", exception);
        }
    }

    public async Task<bool> UserExistsAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM users WHERE username_key = @username_key);";
        command.Parameters.AddWithValue("@username_key", UserKeys.Fold(username));
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken),
                System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (MySqlException exception) when (MySqlErrors.IsTransient(exception))
        {
            throw database.Unavailable("did not respond to a user lookup", exception);
        }
    }

    /// <summary>
    /// Returns null, so list-posts pages are not cached: InnoDB commits posts out of id order, so
    /// no cheap number tells exactly whether a page changed, and replicas share the database.
    /// </summary>
    public ValueTask<long?> GetVersionAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<long?>(null);

    /// <summary>
    /// Builds one of four fixed statements instead of optional predicates, so that each uses
    /// its index: the primary key for the timeline, (user_id, id) for one user's posts. A test
    /// checks each one with EXPLAIN.
    /// </summary>
    internal static string BuildListSql(PostQuery query) => (query.Username, query.Before) switch
    {
        (null, null) => SelectTimeline + " ORDER BY p.id DESC LIMIT @limit OFFSET @offset;",
        (null, _) => SelectTimeline + " WHERE p.id < @before ORDER BY p.id DESC LIMIT @limit OFFSET @offset;",
        (_, null) => SelectUserPosts + " WHERE u.username_key = @username_key ORDER BY p.id DESC LIMIT @limit OFFSET @offset;",
        _ => SelectUserPosts + " WHERE u.username_key = @username_key AND p.id < @before ORDER BY p.id DESC LIMIT @limit OFFSET @offset;",
    };
}
