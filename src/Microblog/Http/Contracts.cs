using System.Text.Json.Serialization;

namespace Microblog.Http;

// Request and response bodies of the five functions. Member names are the wire names that
// existing clients of this API use.

internal sealed record RegisterRequest(
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("first_name")] string? FirstName,
    [property: JsonPropertyName("last_name")] string? LastName);

internal sealed record RegisterResponse(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("status")] string Status);

internal sealed record LoginRequest(
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("password")] string? Password);

internal sealed record LoginResponse(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);

internal sealed record TokenRequest(
    [property: JsonPropertyName("token")] string? Token);

internal sealed record AddPostRequest(
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("body")] string? Body);

internal sealed record ListPostsRequest(
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("offset")] int? Offset,
    [property: JsonPropertyName("limit")] int? Limit,
    [property: JsonPropertyName("before")] long? Before);

internal sealed record PostResponse(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);

internal sealed record PostPageResponse(
    [property: JsonPropertyName("posts")] IReadOnlyList<PostResponse> Posts,
    [property: JsonPropertyName("next")] long? Next);

/// <summary>
/// An RFC 9457 problem body. <see cref="Error"/> repeats <see cref="Detail"/> for older clients
/// of this API, which read <c>error</c>; <see cref="Field"/> names the invalid request field.
/// </summary>
internal sealed record ProblemResponse(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("field")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Field);
