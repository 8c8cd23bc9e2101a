using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;

namespace Microblog.Http;

/// <summary>The body of a request, or the problem that stops the request from being served.</summary>
internal readonly record struct RequestBody(byte[] Content, IResult? Problem)
{
    public bool IsEmpty => Content.Length == 0;
}

/// <summary>
/// Reads request bodies as JSON. A body is read as JSON whether it is labelled
/// <c>application/json</c> (or another <c>+json</c> type), <c>text/plain</c> (what
/// <c>faas-cli invoke</c> sends) or carries no content type; other media types get 415.
/// Bodies may be chunked; a body past <see cref="MaxBytes"/> gets 413.
/// </summary>
internal static class JsonBody
{
    /// <summary>64 KiB: a post of 500 text elements fits many times over.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>
    /// The most a too-large body is read (and discarded) before the 413 is sent, and Kestrel's
    /// own limit. HTTP/1.1 clients send the whole body before they read the response, so a 413
    /// sent early, followed by a closed connection, reaches them as a reset instead. Bodies
    /// past this limit get that reset.
    /// </summary>
    public const int MaxDrainBytes = 1024 * 1024;

    public const int MaxDepth = 16;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public static async Task<RequestBody> ReadAsync(
        HttpRequest request, CancellationToken cancellationToken, bool acceptJwt = false)
    {
        if (!IsAcceptedContentType(request.ContentType, acceptJwt))
        {
            return Fail(Problems.Create(StatusCodes.Status415UnsupportedMediaType,
                $"Content type '{request.ContentType}' is not supported; send JSON as application/json "
                + "or text/plain, in UTF-8."));
        }

        if (request.ContentLength > MaxBytes)
        {
            if (request.ContentLength <= MaxDrainBytes)
            {
                await DrainAsync(request.BodyReader, cancellationToken);
            }

            return Fail(TooLarge());
        }

        var reader = request.BodyReader;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(cancellationToken);
            }
            catch (BadHttpRequestException exception)
            {
                return Fail(Problems.Create(exception.StatusCode, "The request body could not be read."));
            }

            var buffer = result.Buffer;
            if (buffer.Length > MaxBytes)
            {
                reader.AdvanceTo(buffer.End);
                await DrainAsync(reader, cancellationToken);
                return Fail(TooLarge());
            }

            // A canceled read is not the end of the body: Kestrel cancels pending reads when the
            // server starts to stop, and the rest of a request in flight still arrives.
            if (result.IsCompleted)
            {
                // Some Windows tools start UTF-8 text with a byte order mark. JSON and token
                // parsers reject it, and it carries no content, so it is dropped here.
                var content = buffer.ToArray().AsSpan();
                if (content.StartsWith(Utf8ByteOrderMark))
                {
                    content = content[Utf8ByteOrderMark.Length..];
                }

                reader.AdvanceTo(buffer.End);
                return new RequestBody(content.ToArray(), null);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Reads and deserializes a body that must be a JSON object.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadObjectAsync<T>(
        HttpRequest request, JsonTypeInfo<T> typeInfo, string expectedMembers, CancellationToken cancellationToken)
        where T : class
    {
        var body = await ReadAsync(request, cancellationToken);
        if (body.Problem is not null)
        {
            return (null, body.Problem);
        }

        if (body.IsEmpty)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest,
                $"The request body is empty; send a JSON object with {expectedMembers}."));
        }

        var value = Deserialize(body.Content, typeInfo, out var problem);
        return (value, problem);
    }

    /// <summary>
    /// Deserializes a JSON object. On failure the problem names the member and what is wrong:
    /// a wrong type, a duplicate, too deep a nesting, or JSON that does not parse.
    /// </summary>
    public static T? Deserialize<T>(ReadOnlySpan<byte> content, JsonTypeInfo<T> typeInfo, out IResult? problem)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize(content, typeInfo);
            problem = value is null ? NotAnObject() : null;
            return value;
        }
        catch (JsonException exception)
        {
            problem = Problems.Create(StatusCodes.Status400BadRequest, Describe(exception, typeInfo, out var field), field);
            return null;
        }
    }

    private static string Describe(JsonException exception, JsonTypeInfo typeInfo, out string? field)
    {
        var member = FieldOf(exception.Path);
        field = member;
        var message = exception.Message;

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            field = null;
            return $"The request body is nested more than {MaxDepth} levels deep.";
        }

        if (field is not null && message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return $"{field} appears more than once in the request body.";
        }

        // System.Text.Json reports an escaped lone surrogate such as \ud800 as a conversion
        // failure whose inner exception names the surrogate.
        if (field is not null
            && exception.InnerException is InvalidOperationException inner
            && inner.Message.Contains("surrogate", StringComparison.OrdinalIgnoreCase))
        {
            return $"{field} contains invalid Unicode (an escaped lone surrogate).";
        }

        // Invalid UTF-8 inside a string (a stray byte, an overlong form, an encoded surrogate)
        // fails when the string is transcoded; the inner exception says so.
        if (field is not null && IsInvalidUtf8(exception))
        {
            return $"{field} contains invalid UTF-8.";
        }

        if (field is not null
            && message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            && typeInfo.Properties.FirstOrDefault(p => p.Name == member) is { } property)
        {
            return $"{field} must be {Describe(property.PropertyType)}.";
        }

        if (exception.Path is "$" && message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            field = null;
            return "The request body must be a JSON object.";
        }

        field = null;
        var position = exception.LineNumber is { } line
            ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})"
            : "";
        return $"The request body is not valid JSON{position}.";
    }

    private static bool IsInvalidUtf8(JsonException exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current.Message.Contains("invalid UTF-8", StringComparison.OrdinalIgnoreCase)
                || current is System.Text.DecoderFallbackException)
            {
                return true;
            }
        }

        return false;
    }

    private static string? FieldOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var name = path[2..];
        var end = name.IndexOfAny(['.', '[']);
        return end < 0 ? name : name[..end];
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "a whole number";
        }

        return "a value of another type";
    }

    private static bool IsAcceptedContentType(string? contentType, bool acceptJwt)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        // RFC 9110 allows the parameter value as a quoted string: charset="utf-8".
        var charset = media.Charset.HasValue ? HeaderUtilities.RemoveQuotes(media.Charset).Value : null;
        if (charset is not null
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var type = media.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
            || (acceptJwt && type.Equals("application/jwt", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads the rest of a body and discards it, up to Kestrel's limit.</summary>
    private static async Task DrainAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (BadHttpRequestException)
        {
            // Past MaxDrainBytes: Kestrel sends the 413 and closes the connection itself.
        }
    }

    private static IResult TooLarge() =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge,
            $"The request body is larger than {MaxBytes} bytes.");

    private static IResult NotAnObject() =>
        Problems.Create(StatusCodes.Status400BadRequest, "The request body must be a JSON object.");

    private static RequestBody Fail(IResult problem) => new([], problem);
}
