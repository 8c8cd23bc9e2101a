using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Microblog.WebClient;

/// <summary>
/// The web client's files, embedded in the assembly and served from memory, so the single
/// native binary needs no files beside it.
/// </summary>
internal static class WebAssetCatalog
{
    // The build embeds each file of WebClient/Assets under this resource-name prefix.
    private const string ResourcePrefix = "WebClient/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    /// <summary>The files by request path; <c>/</c> is <c>index.html</c>.</summary>
    public static FrozenDictionary<string, WebAsset> Assets { get; } = Load(typeof(WebAssetCatalog).Assembly);

    private static FrozenDictionary<string, WebAsset> Load(Assembly assembly)
    {
        var assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = name[ResourcePrefix.Length..];
            var path = fileName == "index.html" ? "/" : "/" + fileName;
            var contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(fileName), "application/octet-stream");
            var content = Read(assembly, name);
            assets[path] = new WebAsset(path, contentType, content, ETagOf(content));
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Resource '{resourceName}' is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string ETagOf(byte[] content) =>
        $"\"{Convert.ToBase64String(SHA256.HashData(content), 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"";
}
