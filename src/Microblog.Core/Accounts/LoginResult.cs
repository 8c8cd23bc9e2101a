using Microblog.Validation;

namespace Microblog.Accounts;

public enum LoginStatus
{
    Success,
    Invalid,
    InvalidCredentials,
}

/// <summary>The outcome of a login: the account, or why the login failed.</summary>
public sealed record LoginResult(LoginStatus Status, User? User, FieldError? Error)
{
    public static LoginResult Success(User user) => new(LoginStatus.Success, user, null);

    public static LoginResult Invalid(FieldError error) => new(LoginStatus.Invalid, null, error);

    public static LoginResult InvalidCredentials() => new(LoginStatus.InvalidCredentials, null, null);
}
