using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microblog.Gateway;

namespace Microblog.Http;

/// <summary>Source-generated JSON for every body the service reads or writes.</summary>
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(RegisterResponse))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(AddPostRequest))]
[JsonSerializable(typeof(ListPostsRequest))]
[JsonSerializable(typeof(PostResponse))]
[JsonSerializable(typeof(PostPageResponse))]
[JsonSerializable(typeof(ProblemResponse))]
[JsonSerializable(typeof(FunctionStatus))]
[JsonSerializable(typeof(List<FunctionStatus>))]
[JsonSerializable(typeof(SystemInfo))]
[JsonSerializable(typeof(JsonWebKeySetDocument))]
internal sealed partial class ApiJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context to use. Reading rejects duplicate members, reads numbers given as strings
    /// and stops at a nesting depth of 16. Writing leaves non-ASCII text such as emoji and CJK
    /// as UTF-8 instead of \u escapes; HTML-sensitive characters stay escaped.
    /// </summary>
    public static ApiJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        AllowDuplicateProperties = false,
        MaxDepth = JsonBody.MaxDepth,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });
}
