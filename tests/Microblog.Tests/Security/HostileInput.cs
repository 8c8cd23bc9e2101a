using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Microblog.Tests.Security;

/// <summary>Generators of hostile requests and the check that every response is well formed.</summary>
internal static class HostileInput
{
    public static readonly string[] Functions = ["register", "login", "validate-jwt", "add-post", "list-posts"];

    public static readonly string[] FieldNames =
        ["username", "password", "email", "first_name", "last_name", "token", "body", "offset", "limit", "before"];

    /// <summary>
    /// Strings that have broken parsers and validators elsewhere: lone surrogates, a byte order
    /// mark, zero-width and bidirectional controls, stacked combining marks, NUL, line
    /// separators, noncharacters and fullwidth look-alikes.
    /// </summary>
    public static readonly string[] UnicodeOddities =
    [
        "\ud800", "\udfff", "a\udc00b", "\ud83d", "\ufeff", "\ufeffquill", "\u200b", "zero\u200bwidth",
        "\u202egnp.exe", "\u2066isolate\u2069", "e\u0301\u0301\u0301", "Z" + new string('\u0300', 400),
        "\u0000", "nul\u0000in", "\u2028", "\u2029", "\uffff", "\ufffe", "\U0010FFFF", "ｑｕｉｌｌ",
        "👩‍👩‍👧‍👦", "\r\n", "\t", "\u001b[31m", "\u0085",
    ];

    public static readonly string?[] ContentTypes =
    [
        null, "application/json", "text/plain", "application/problem+json", "application/jwt",
        "application/xml", "text/html", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded", "text/plain; charset=utf-16", "application/json; charset=latin1",
        "application/json; charset=\"", "garbage", "*/*", ";;;", "application/json; charset=utf-8; q=x",
    ];

    private static readonly Gen<char> OddChar = Gen.Frequency(
        (6, Gen.Char[' ', '~']),
        (2, Gen.Char),
        (2, Gen.OneOf('\ud800', '\udc00', '\ufeff', '\u200b', '\u202e', '\u0301', '\0', '\u2028', '\uffff', '"', '\\')));

    public static readonly Gen<string> OddString = Gen.Frequency(
        (4, OddChar.Array[0, 40].Select(chars => new string(chars))),
        (2, Gen.OneOf(UnicodeOddities)),
        (1, Gen.OneOf("quill", "correct horse battery", "quill@example.test", "' OR 1=1 --", "<script>")));

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (4, OddString.Select(Quote)),
        (2, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e999")),
        (1, Gen.OneOf("null", "true", "false", "-0", "1e400", "-1e400", "0.5", "99999999999999999999999", "\"123\"")));

    private static readonly Gen<string> Key = Gen.Frequency(
        (4, Gen.OneOf(FieldNames)),
        (1, OddString));

    /// <summary>JSON text up to three levels deep whose members are mostly the real field names.</summary>
    public static readonly Gen<string> Json = JsonValue(3);

    public static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 600];

    /// <summary>
    /// Escapes a string as JSON does, but writes every non-ASCII UTF-16 unit as <c>\uXXXX</c>,
    /// so lone surrogates reach the server as escapes that no UTF-8 encoder would produce.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c is < ' ' or > '~')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// Checks the properties every response must have: no 5xx, a JSON body, and for 4xx a
    /// problem body that carries its status and a message.
    /// </summary>
    public static async Task AssertWellFormedAsync(HttpResponseMessage response, string description)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{description} returned {status}: {text}");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            throw new Xunit.Sdk.XunitException($"{description} returned {status} with a body that is not JSON: {text}", exception);
        }

        using (document)
        {
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(status, document.RootElement.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(document.RootElement.GetProperty("error").GetString()));
            }
        }
    }

    public static HttpClient CreateClient(Uri baseAddress) =>
        new(new SocketsHttpHandler())
        {
            BaseAddress = baseAddress,
            DefaultRequestVersion = HttpVersion.Version11,

            // A request that takes this long is taken for a hang.
            Timeout = TimeSpan.FromSeconds(10),
        };

    private static Gen<string> JsonValue(int depth)
    {
        if (depth == 0)
        {
            return Scalar;
        }

        var inner = JsonValue(depth - 1);
        var array = inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]");
        var member = Gen.Select(Key, inner, (key, value) => Quote(key) + ":" + value);
        var obj = member.Array[0, 6].Select(members => "{" + string.Join(",", members) + "}");
        return Gen.Frequency((2, Scalar), (1, array), (4, obj));
    }
}
