using Microblog.Validation;

namespace Microblog.Accounts;

/// <summary>Registers accounts and checks credentials.</summary>
public sealed class AccountService(IUserStore users, PasswordHasher hasher, TimeProvider clock)
{
    public async Task<RegistrationResult> RegisterAsync(
        Registration registration, CancellationToken cancellationToken)
    {
        if (AccountRules.ValidateRegistration(registration) is { } error)
        {
            return RegistrationResult.Invalid(error);
        }

        var user = new NewUser(
            registration.Username!,
            registration.Email!,
            UnicodeNormalization.ToFormC(registration.FirstName!),
            UnicodeNormalization.ToFormC(registration.LastName!),
            await hasher.HashAsync(registration.Password!, cancellationToken),
            clock.GetUtcNow());

        var id = await users.TryCreateAsync(user, cancellationToken);
        return id is null ? RegistrationResult.Conflict() : RegistrationResult.Created(user.Username);
    }

    /// <summary>
    /// Checks the credentials. An unknown user and a wrong password give the same result after
    /// a hash verification of the same cost. A matching legacy hash is replaced by Argon2id.
    /// </summary>
    public async Task<LoginResult> LoginAsync(
        Credentials credentials, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(credentials.Username))
        {
            return LoginResult.Invalid(new("username", "username is required."));
        }

        if (string.IsNullOrEmpty(credentials.Password))
        {
            return LoginResult.Invalid(new("password", "password is required."));
        }

        var user = AccountRules.ValidateUsername(credentials.Username) is null
            ? await users.FindByUsernameAsync(credentials.Username, cancellationToken)
            : null;

        if (user is null)
        {
            await hasher.VerifyAgainstDummyAsync(credentials.Password, cancellationToken);
            return LoginResult.InvalidCredentials();
        }

        var check = await hasher.VerifyAsync(user.PasswordHash, credentials.Password, cancellationToken);
        if (check == PasswordCheck.Mismatch)
        {
            return LoginResult.InvalidCredentials();
        }

        if (check == PasswordCheck.MatchNeedsRehash)
        {
            var newHash = await hasher.HashAsync(credentials.Password, cancellationToken);
            await users.ReplacePasswordHashAsync(user.Id, user.PasswordHash, newHash, cancellationToken);
            user = user with { PasswordHash = newHash };
        }

        return LoginResult.Success(user);
    }
}
