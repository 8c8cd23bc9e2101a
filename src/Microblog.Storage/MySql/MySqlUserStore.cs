using Microblog.Accounts;
using MySqlConnector;

namespace Microblog.Storage.MySql;

public sealed class MySqlUserStore(MySqlDatabase database) : IUserStore
{
    public async Task<long?> TryCreateAsync(NewUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO users (username, username_key, password, email, email_key, first_name, last_name, created_at)
            VALUES (@username, @username_key, @password, @email, @email_key, @first_name, @last_name, @created_at);
            """;
        command.Parameters.AddWithValue("@username", user.Username);
        command.Parameters.AddWithValue("@username_key", user.UsernameKey);
        command.Parameters.AddWithValue("@password", user.PasswordHash);
        command.Parameters.AddWithValue("@email", user.Email);
        command.Parameters.AddWithValue("@email_key", user.EmailKey);
        command.Parameters.AddWithValue("@first_name", user.FirstName);
        command.Parameters.AddWithValue("@last_name", user.LastName);
        command.Parameters.AddWithValue("@created_at", user.CreatedAt.ToUnixTimeMilliseconds());
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return command.LastInsertedId;
        }
        catch (MySqlException exception) when (MySqlErrors.IsDuplicateKey(exception))
        {
            return null;
        }
        catch (MySqlException exception) when (MySqlErrors.IsTransient(exception))
        {
            throw database.Unavailable("did not accept the new user", exception);
        }
    }

    public async Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, username, email, first_name, last_name, password
            FROM users WHERE username_key = @username_key;
            """;
        command.Parameters.AddWithValue("@username_key", UserKeys.Fold(username));
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            // Names may be NULL in a users table adopted from an earlier deployment.
            return new User(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? "" : reader.GetString(3),
                reader.IsDBNull(4) ? "" : reader.GetString(4),
                reader.GetString(5));
        }
        catch (MySqlException exception) when (MySqlErrors.IsTransient(exception))
        {
            throw database.Unavailable("did not respond to a user lookup", exception);
        }
    }

    public async Task<bool> ReplacePasswordHashAsync(
        long userId, string currentHash, string newHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET password = @new WHERE id = @id AND password = @current;";
        command.Parameters.AddWithValue("@new", newHash);
        command.Parameters.AddWithValue("@id", userId);
        command.Parameters.AddWithValue("@current", currentHash);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        catch (MySqlException exception) when (MySqlErrors.IsTransient(exception))
        {
            throw database.Unavailable("did not accept the password hash", exception);
        }
    }
}
