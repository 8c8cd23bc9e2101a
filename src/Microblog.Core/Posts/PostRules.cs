using Microblog.Validation;

namespace Microblog.Posts;

/// <summary>The input rules for posts and for list-posts parameters.</summary>
public static class PostRules
{
    public const int BodyMaxLength = 500;

    /// <summary>
    /// A cap in UTF-16 code units beside the cap in text elements, because one text element can
    /// carry any number of combining marks. 8,000 is 16 a text element on average: 500 family
    /// emoji of 11 code units each fit.
    /// </summary>
    public const int BodyMaxCodeUnits = 8000;
    public const int DefaultLimit = 100;
    public const int MaxLimit = 100;

    /// <summary>
    /// A post is 1 to 500 text elements and at most 8,000 UTF-16 code units after NFC
    /// normalization, with no control characters but newline and tab.
    /// </summary>
    public static FieldError? ValidateBody(string? body, out string normalized)
    {
        normalized = "";
        if (body is null)
        {
            return new("body", "body is required.");
        }

        if (TextRules.HasInvalidUnicode(body))
        {
            return new("body", "body contains invalid Unicode (a lone surrogate or the noncharacter U+FFFE or U+FFFF).");
        }

        normalized = UnicodeNormalization.ToFormC(body);
        if (string.IsNullOrWhiteSpace(normalized))
        {
            return new("body", "body must not be empty.");
        }

        if (!TextRules.HasVisibleCharacter(normalized))
        {
            return new("body", "body must contain at least one visible character, not only spaces, marks or invisible characters.");
        }

        if (TextRules.FindControlCharacter(normalized, allowNewlineAndTab: true) is { } control)
        {
            return new("body",
                $"body must not contain control characters or invisible formatting characters other than newline and tab; it contains {TextRules.Describe(control)}.");
        }

        var length = TextRules.CountTextElements(normalized);
        if (length > BodyMaxLength)
        {
            return new("body", $"body must be at most {BodyMaxLength} characters long; it has {length}.");
        }

        if (normalized.Length > BodyMaxCodeUnits)
        {
            return new("body", TextRules.TooManyCodeUnits("body", BodyMaxLength, BodyMaxCodeUnits, normalized.Length));
        }

        return null;
    }

    /// <summary>Checks list-posts parameters and fills in the defaults.</summary>
    public static FieldError? ValidateQuery(
        string? username, int? offset, int? limit, long? before, out PostQuery query)
    {
        query = new PostQuery(null, 0, DefaultLimit, null);
        if (!string.IsNullOrEmpty(username)
            && Accounts.AccountRules.ValidateUsername(username) is { } usernameError)
        {
            return usernameError;
        }

        if (offset is < 0)
        {
            return new("offset", $"offset must be a whole number from 0 to {int.MaxValue}; it is {offset}.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return new("limit", $"limit must be from 1 to {MaxLimit}; it is {limit}.");
        }

        if (before is < 1)
        {
            return new("before", $"before must be a post id from 1 to {long.MaxValue}; it is {before}.");
        }

        query = new PostQuery(
            string.IsNullOrEmpty(username) ? null : username,
            offset ?? 0,
            limit ?? DefaultLimit,
            before);
        return null;
    }
}
