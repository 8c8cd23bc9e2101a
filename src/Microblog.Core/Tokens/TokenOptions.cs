namespace Microblog.Tokens;

/// <summary>Token settings. The defaults are the contract that existing clients rely on.</summary>
public sealed class TokenOptions
{
    /// <summary>The <c>iss</c> claim written into tokens and required of tokens that carry one.</summary>
    public string Issuer { get; set; } = "microblog";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How far <c>nbf</c> and <c>iat</c> are set in the past, for clock drift.</summary>
    public TimeSpan Backdate { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock skew allowed when checking <c>nbf</c> and <c>exp</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Tokens longer than this many characters are rejected before they are parsed.</summary>
    public int MaxTokenLength { get; set; } = 8192;
}
