using Microblog.Hosting;
using Microblog.Http;

namespace Microblog.WebClient;

/// <summary>
/// Builds the app of <c>microblog web</c>: the web client alone, with no database or keys,
/// for a deployment where the functions run elsewhere on the same origin (an OpenFaaS
/// function behind the OpenFaaS gateway).
/// </summary>
internal static class WebClientHost
{
    public static WebApplication Create(string[] args)
    {
        var builder = SlimHost.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(MicroblogHost.DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var app = builder.Build();
        app.MapWebClient();
        app.MapFallback("{**path}", context => Problems.WriteAsync(context, StatusCodes.Status404NotFound,
            $"No route for {context.Request.Path}; this server serves the web client only."));
        return app;
    }
}
