namespace Microblog.Validation;

/// <summary>An invalid request field and a message that names it and says what is wrong.</summary>
public sealed record FieldError(string Field, string Message);
