using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Microblog.Throttling;

/// <summary>
/// Takes the client address from <c>X-Forwarded-For</c> only when the request comes from a
/// configured proxy. <c>Microblog:TrustedProxies</c> lists addresses and CIDR networks,
/// separated by commas; with none configured the header is ignored and the client address is
/// the immediate peer.
/// </summary>
internal static class TrustedProxies
{
    public const string SettingName = "Microblog:TrustedProxies";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var (proxies, networks) = Parse(configuration[SettingName]);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;

            // ASP.NET Core trusts loopback by default; only the configured list counts here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }

            // Walk back through every trusted hop; the first untrusted address is the client.
            options.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>Adds the forwarded-headers middleware when at least one proxy is configured.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (!string.IsNullOrWhiteSpace(app.Configuration[SettingName]))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    public static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks) Parse(string? setting)
    {
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        var entries = (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var entry in entries)
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException(
                    $"{SettingName} contains '{entry}', which is neither an IP address nor a CIDR network "
                    + "such as 10.0.0.0/8.");
            }
        }

        return (proxies, networks);
    }
}
