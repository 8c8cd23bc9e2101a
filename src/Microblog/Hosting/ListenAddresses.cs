namespace Microblog.Hosting;

/// <summary>
/// Checks the <c>--urls</c> setting before anything is created, so a typo stops the start with
/// a message that says what to write instead of an exception from Kestrel.
/// </summary>
internal static class ListenAddresses
{
    public static void Validate(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"'{url}' asks for HTTPS, which microblog does not serve: listen on http:// and "
                    + "terminate TLS in front of it, at the OpenFaaS gateway or a reverse proxy.");
            }

            // Kestrel also takes the wildcard hosts * and +, which Uri does not parse.
            var parsable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal)
                .Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || !Uri.TryCreate(parsable, UriKind.Absolute, out var uri)
                || uri.Port is < 0 or > 65535)
            {
                throw new InvalidOperationException(
                    $"'{url}' is not a valid listen address; use http://HOST:PORT, such as http://127.0.0.1:8080.");
            }
        }
    }
}
