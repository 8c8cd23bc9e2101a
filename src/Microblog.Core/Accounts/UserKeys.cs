namespace Microblog.Accounts;

/// <summary>Folds usernames and e-mail addresses to the form that unique indexes compare.</summary>
public static class UserKeys
{
    public static string Fold(string value) => value.ToLowerInvariant();
}
