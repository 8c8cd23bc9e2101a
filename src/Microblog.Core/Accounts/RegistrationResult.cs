using Microblog.Validation;

namespace Microblog.Accounts;

public enum RegistrationStatus
{
    Created,
    Invalid,
    Conflict,
}

/// <summary>The outcome of a registration: the created username, or why nothing was created.</summary>
public sealed record RegistrationResult(RegistrationStatus Status, string? Username, FieldError? Error)
{
    public static RegistrationResult Created(string username) => new(RegistrationStatus.Created, username, null);

    public static RegistrationResult Invalid(FieldError error) => new(RegistrationStatus.Invalid, null, error);

    public static RegistrationResult Conflict() => new(RegistrationStatus.Conflict, null, null);
}
