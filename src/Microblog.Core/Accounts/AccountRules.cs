using System.Buffers;
using System.Net.Mail;
using Microblog.Validation;

namespace Microblog.Accounts;

/// <summary>The input rules for account fields. Each check returns the first problem found.</summary>
public static class AccountRules
{
    public const int UsernameMinLength = 3;
    public const int UsernameMaxLength = 30;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;
    public const int EmailMaxLength = 254;
    public const int NameMaxLength = 100;

    /// <summary>A cap in UTF-16 code units, because one text element can carry any number of combining marks.</summary>
    public const int NameMaxCodeUnits = 1000;

    /// <summary>A cap in UTF-16 code units beside the cap in text elements, for the same reason.</summary>
    public const int PasswordMaxCodeUnits = 1024;

    // Characters that MailAddress accepts in quoted or commented forms but no plain address has.
    private static readonly SearchValues<char> EmailSpecials = SearchValues.Create(" \t\r\n\"(),:;<>[\\]");

    public static FieldError? ValidateRegistration(Registration registration)
    {
        return ValidateUsername(registration.Username)
            ?? ValidatePassword(registration.Password)
            ?? ValidateEmail(registration.Email)
            ?? ValidateName("first_name", registration.FirstName)
            ?? ValidateName("last_name", registration.LastName);
    }

    /// <summary>
    /// Usernames are 3 to 30 ASCII letters, digits or underscores, so no look-alike character
    /// (a fullwidth or Cyrillic letter) can imitate another user's name.
    /// </summary>
    public static FieldError? ValidateUsername(string? username)
    {
        if (string.IsNullOrEmpty(username))
        {
            return new("username", "username is required.");
        }

        foreach (var rune in username.EnumerateRunes())
        {
            if (!rune.IsAscii || !(char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '_'))
            {
                return new("username",
                    "username may contain only ASCII letters (a-z, A-Z), digits and underscores; "
                    + $"it contains {TextRules.Describe(rune)}.");
            }
        }

        if (username.Length is < UsernameMinLength or > UsernameMaxLength)
        {
            return new("username",
                $"username must be {UsernameMinLength} to {UsernameMaxLength} characters long; "
                + $"it has {username.Length}.");
        }

        return null;
    }

    /// <summary>
    /// Follows NIST SP 800-63B: a minimum length, a generous maximum, no composition rules,
    /// and no password from a list of the most common ones.
    /// </summary>
    public static FieldError? ValidatePassword(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return new("password", "password is required.");
        }

        var length = TextRules.CountTextElements(password);
        if (length < PasswordMinLength)
        {
            return new("password",
                $"password must be at least {PasswordMinLength} characters long; it has {length}.");
        }

        if (length > PasswordMaxLength)
        {
            return new("password",
                $"password must be at most {PasswordMaxLength} characters long; it has {length}.");
        }

        if (TextRules.HasInvalidUnicode(password))
        {
            return new("password", "password contains invalid Unicode (a lone surrogate or the noncharacter U+FFFE or U+FFFF).");
        }

        if (password.Length > PasswordMaxCodeUnits)
        {
            return new("password", TextRules.TooManyCodeUnits("password", PasswordMaxLength, PasswordMaxCodeUnits, password.Length));
        }

        // Compared in the form that is hashed, so "ｐａｓｓｗｏｒｄ" (fullwidth) counts as "password".
        if (CommonPasswords.Contains(UnicodeNormalization.ToFormKC(password)))
        {
            return new("password",
                "password is one of the most commonly used passwords; choose another.");
        }

        return null;
    }

    public static FieldError? ValidateEmail(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return new("email", "email is required.");
        }

        if (email.Length > EmailMaxLength)
        {
            return new("email",
                $"email must be at most {EmailMaxLength} characters long; it has {email.Length}.");
        }

        var at = email.LastIndexOf('@');
        var wellFormed = at > 0
            && at <= 64
            && at < email.Length - 1
            && !email.AsSpan().ContainsAny(EmailSpecials)
            && !TextRules.HasControlCharacter(email, allowNewlineAndTab: false)
            && !TextRules.HasInvalidUnicode(email)
            && !TextRules.HasFormatCharacter(email)
            && MailAddress.TryCreate(email, out var parsed)
            && parsed.Address == email;

        return wellFormed
            ? null
            : new("email", "email is not a valid e-mail address (expected name@domain).");
    }

    /// <summary>
    /// Names may be any printable Unicode text of 1 to 100 text elements and at most 1,000 UTF-16
    /// code units.
    /// </summary>
    public static FieldError? ValidateName(string field, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return new(field, $"{field} is required.");
        }

        if (TextRules.HasInvalidUnicode(name))
        {
            return new(field, $"{field} contains invalid Unicode (a lone surrogate or the noncharacter U+FFFE or U+FFFF).");
        }

        if (TextRules.HasControlCharacter(name, allowNewlineAndTab: false))
        {
            return new(field, $"{field} must not contain control characters.");
        }

        if (!TextRules.HasVisibleCharacter(name))
        {
            return new(field, $"{field} must contain at least one visible character.");
        }

        var length = TextRules.CountTextElements(name);
        if (length > NameMaxLength)
        {
            return new(field,
                $"{field} must be at most {NameMaxLength} characters long; it has {length}.");
        }

        if (name.Length > NameMaxCodeUnits)
        {
            return new(field, TextRules.TooManyCodeUnits(field, NameMaxLength, NameMaxCodeUnits, name.Length));
        }

        return null;
    }
}
