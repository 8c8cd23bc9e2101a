namespace Microblog.Tokens;

/// <summary>Which check a token failed, in the order the checks run.</summary>
public enum TokenFailure
{
    None,
    Missing,
    TooLong,
    Malformed,
    Algorithm,
    Signature,
    Expired,
    NotYetValid,
    Lifetime,
    Issuer,
    Claims,

    /// <summary>The remote validate-jwt function rejected the token; its message names the check.</summary>
    Rejected,

    /// <summary>The remote validate-jwt function could not be reached; the token is unjudged.</summary>
    Unavailable,
}
