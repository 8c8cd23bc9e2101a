using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microblog.Http;
using Microblog.Operations;

namespace Microblog.Tokens;

/// <summary>
/// Validates tokens by calling the deployed validate-jwt function, for deployments that keep
/// the public keys in that function only. 200 means valid, and 400 or 401 means rejected with
/// the function's message. A failed connection, no response within <see cref="Timeout"/> or
/// any other status means unavailable, which add-post returns as 503.
/// </summary>
internal sealed class RemoteTokenValidator(
    IHttpClientFactory clients, IConfiguration configuration, ILogger<RemoteTokenValidator> logger) : ITokenValidator
{
    public const string ClientName = "validate-jwt";
    public const string UrlSetting = "MICROBLOG_VALIDATE_JWT_URL";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Uri _url = ReadUrl(configuration)
        ?? throw new InvalidOperationException($"{UrlSetting} is not set.");

    /// <summary>Reads the validate-jwt URL; null when it is not set, so validation stays in process.</summary>
    public static Uri? ReadUrl(IConfiguration configuration)
    {
        var value = configuration[UrlSetting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException(
                $"{UrlSetting} must be an absolute http or https URL, such as "
                + $"http://gateway.openfaas:8080/function/validate-jwt; it is '{value}'.");
        }

        return url;
    }

    public async ValueTask<TokenValidation> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        // The token goes in the body, not in an Authorization header, which a gateway with
        // function authentication would read as the caller's own credentials.
        var body = JsonSerializer.SerializeToUtf8Bytes(new TokenRequest(token), ApiJsonContext.Wire.TokenRequest);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;

        try
        {
            using var response = await clients.CreateClient(ClientName).PostAsync(_url, content, cancellationToken);
            var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return Interpret(response.StatusCode, payload);
        }
        catch (HttpRequestException exception)
        {
            return Unavailable(exception, "it could not be reached");
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable(exception, $"it did not respond within {Timeout.TotalSeconds:0} s");
        }
        catch (JsonException exception)
        {
            return Unavailable(exception, "it returned a body that is not JSON");
        }
    }

    private TokenValidation Interpret(HttpStatusCode status, byte[] payload)
    {
        switch (status)
        {
            case HttpStatusCode.OK:
                var username = TokenValidator.ReadUsername(payload);
                return username is null
                    ? TokenValidation.Invalid(TokenFailure.Claims, "Invalid token: it has no user.username claim.")
                    : TokenValidation.Valid(payload, username);
            case HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest:
                return TokenValidation.Invalid(TokenFailure.Rejected,
                    ReadMessage(payload) ?? "Invalid token: the validate-jwt function rejected it.");
            default:
                return Unavailable(null, $"it returned status {(int)status}");
        }
    }

    private TokenValidation Unavailable(Exception? exception, string reason)
    {
        OperationsLog.RemoteValidationFailed(logger, exception, _url.ToString(), reason);
        return TokenValidation.Invalid(TokenFailure.Unavailable,
            $"Token validation is unavailable: the validate-jwt function failed ({reason}); retry in a few seconds.");
    }

    /// <summary>Reads <c>error</c>, or else <c>detail</c>, from a problem body.</summary>
    private static string? ReadMessage(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var member in (ReadOnlySpan<string>)["error", "detail"])
        {
            if (root.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }
}
