namespace Microblog.Accounts;

/// <summary>A registered account as stored.</summary>
/// <param name="PasswordHash">
/// An Argon2id hash in PHC string form, or a legacy unsalted SHA-256 hex digest that login
/// replaces.
/// </param>
public sealed record User(
    long Id,
    string Username,
    string Email,
    string FirstName,
    string LastName,
    string PasswordHash);
