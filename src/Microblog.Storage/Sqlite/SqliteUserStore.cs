using Microblog.Accounts;
using Microsoft.Data.Sqlite;

namespace Microblog.Storage.Sqlite;

public sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    private const string InsertUser = """
        INSERT INTO users (username, username_key, password, email, email_key, first_name, last_name, created_at)
        VALUES ($username, $username_key, $password, $email, $email_key, $first_name, $last_name, $created_at)
        RETURNING id;
        """;

    private const string SelectUser = """
        SELECT id, username, email, first_name, last_name, password
        FROM users WHERE username_key = $username_key;
        """;

    private const string UpdatePassword = "UPDATE users SET password = $new WHERE id = $id AND password = $current;";

    public async Task<long?> TryCreateAsync(NewUser user, CancellationToken cancellationToken)
    {
        await database.WriteGate.WaitAsync(cancellationToken);
        try
        {
            await using var session = await database.RentAsync(cancellationToken);
            try
            {
                var command = session.Command(InsertUser);
                command.Parameters.AddWithValue("$username", user.Username);
                command.Parameters.AddWithValue("$username_key", user.UsernameKey);
                command.Parameters.AddWithValue("$password", user.PasswordHash);
                command.Parameters.AddWithValue("$email", user.Email);
                command.Parameters.AddWithValue("$email_key", user.EmailKey);
                command.Parameters.AddWithValue("$first_name", user.FirstName);
                command.Parameters.AddWithValue("$last_name", user.LastName);
                command.Parameters.AddWithValue("$created_at", user.CreatedAt.ToUnixTimeMilliseconds());

                return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            }
            catch (SqliteException exception) when (SqliteErrors.IsUniqueViolation(exception))
            {
                return null;
            }
            catch (SqliteException exception)
            {
                session.MarkBroken();
                throw SqliteErrors.Unavailable("The SQLite database did not accept the new user.", exception);
            }
        }
        finally
        {
            database.WriteGate.Release();
        }
    }

    public async Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        await using var session = await database.RentAsync(cancellationToken);
        try
        {
            var command = session.Command(SelectUser);
            command.Parameters.AddWithValue("$username_key", UserKeys.Fold(username));

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new User(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5));
        }
        catch (SqliteException exception)
        {
            session.MarkBroken();
            throw SqliteErrors.Unavailable("The SQLite database failed to look up a user.", exception);
        }
    }

    public async Task<bool> ReplacePasswordHashAsync(
        long userId, string currentHash, string newHash, CancellationToken cancellationToken)
    {
        await database.WriteGate.WaitAsync(cancellationToken);
        try
        {
            await using var session = await database.RentAsync(cancellationToken);
            try
            {
                var command = session.Command(UpdatePassword);
                command.Parameters.AddWithValue("$new", newHash);
                command.Parameters.AddWithValue("$id", userId);
                command.Parameters.AddWithValue("$current", currentHash);
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            }
            catch (SqliteException exception)
            {
                session.MarkBroken();
                throw SqliteErrors.Unavailable("The SQLite database did not accept the password hash.", exception);
            }
        }
        finally
        {
            database.WriteGate.Release();
        }
    }
}
