using Microblog.Gateway;
using Microblog.Http;
using Microblog.Storage;
using Microblog.Throttling;
using Microblog.Tokens;
using Microblog.WebClient;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Microblog.Hosting;

/// <summary>Builds the web application of <c>microblog serve</c>.</summary>
internal static class MicroblogHost
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>
    /// Builds the gateway app, applies migrations and loads the keys, so that the app is ready
    /// to serve once started. Settings come from the command line (<c>--urls</c>,
    /// <c>--data</c>) and from environment variables.
    /// </summary>
    public static async Task<WebApplication> CreateServeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var dataDirectory = Path.GetFullPath(builder.Configuration["data"] ?? "data");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes;
        });
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            // A configured level wins, so operators can still turn ASP.NET Core's logs up.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }
        builder.Services.AddMicroblog(builder.Configuration, dataDirectory);

        var app = builder.Build();
        UseErrorHandling(app);
        app.UseTrustedProxies();
        app.MapGateway();
        app.MapJsonWebKeySet();
        app.MapHealthChecks("/healthz");
        app.MapWebClient();
        // "{**path}" rather than the default fallback pattern, which skips paths that look like
        // file names (/index.html, /favicon.ico) and leaves them an empty 404.
        app.MapFallback("{**path}", context => Problems.WriteAsync(context, StatusCodes.Status404NotFound,
            $"No route for {context.Request.Path}; functions are served at /function/NAME."));

        await PrepareAsync(app, cancellationToken);
        return app;
    }

    /// <summary>Applies migrations and loads the keys before the first request.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microblog");
        var database = app.Services.GetRequiredService<IDatabase>();
        var applied = await database.MigrateAsync(cancellationToken);
        Log.DatabaseReady(logger, database.Description, applied);
        app.Services.GetRequiredService<KeyRing>();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            Log.Listening(logger, "gateway", string.Join(", ", addresses ?? []));
        });
    }

    private static void UseErrorHandling(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microblog.Errors");
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                if (exception is BadHttpRequestException badRequest)
                {
                    return Problems.WriteAsync(context, badRequest.StatusCode, "The request could not be read.");
                }

                Log.UnhandledError(logger, exception!, context.Request.Method, context.Request.Path);
                return Problems.WriteAsync(context, StatusCodes.Status500InternalServerError,
                    "An unexpected error occurred; it has been logged.");
            },
        });
    }
}
