namespace Microblog.Accounts;

/// <summary>An account to insert, already validated and with its password hashed.</summary>
public sealed record NewUser(
    string Username,
    string Email,
    string FirstName,
    string LastName,
    string PasswordHash,
    DateTimeOffset CreatedAt)
{
    /// <summary>The username folded to lower case, which a unique index keeps unique.</summary>
    public string UsernameKey => UserKeys.Fold(Username);

    /// <summary>The e-mail address folded to lower case, which a unique index keeps unique.</summary>
    public string EmailKey => UserKeys.Fold(Email);
}
