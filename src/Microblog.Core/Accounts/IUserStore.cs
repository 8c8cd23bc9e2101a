namespace Microblog.Accounts;

/// <summary>Stores accounts. Implementations enforce case-insensitive uniqueness with indexes.</summary>
public interface IUserStore
{
    /// <summary>
    /// Inserts the user and returns its id, or null when the username or e-mail address is
    /// already taken. The check and the insert are one statement, so concurrent requests for
    /// one name create one user.
    /// </summary>
    Task<long?> TryCreateAsync(NewUser user, CancellationToken cancellationToken);

    /// <summary>Finds a user by username, ignoring case.</summary>
    Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the password hash when it still equals <paramref name="currentHash"/>, so a
    /// concurrent change is not overwritten. Returns true when a row changed.
    /// </summary>
    Task<bool> ReplacePasswordHashAsync(
        long userId, string currentHash, string newHash, CancellationToken cancellationToken);
}
