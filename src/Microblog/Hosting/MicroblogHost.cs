using Microblog.Functions;
using Microblog.Gateway;
using Microblog.Http;
using Microblog.Operations;
using Microblog.Storage;
using Microblog.Throttling;
using Microblog.WebClient;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Microblog.Hosting;

/// <summary>
/// Builds the web applications of <c>microblog serve</c> and <c>microblog function NAME</c>.
/// Both share services, configuration, logging, health and metrics, and differ in routes.
/// </summary>
internal static class MicroblogHost
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Where of-watchdog in HTTP mode forwards requests (its <c>upstream_url</c>).</summary>
    public const string DefaultFunctionUrl = "http://127.0.0.1:3000";

    /// <summary>
    /// Builds the gateway app, applies migrations and loads the keys, so that the app is ready
    /// to serve once started. Settings come from the command line (<c>--urls</c>,
    /// <c>--data</c>), from environment variables and from secret files.
    /// </summary>
    public static async Task<WebApplication> CreateServeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var app = CreateBuilder(args, DefaultUrl).Build();
        UseCommonMiddleware(app);
        app.MapGateway();
        app.MapJsonWebKeySet();
        app.MapOperations();
        app.MapWebClient();

        // "{**path}" rather than the default fallback pattern, which skips paths that look like
        // file names (/index.html, /favicon.ico) and leaves them an empty 404.
        app.MapFallback("{**path}", context => Problems.WriteAsync(context, StatusCodes.Status404NotFound,
            $"No route for {context.Request.Path}; functions are served at /function/NAME."));

        await PrepareAsync(app, cancellationToken);
        LogListening(app, "gateway");
        return app;
    }

    /// <summary>
    /// Builds the app that serves one function at <c>/</c> and every sub-path. It listens at
    /// once and loads the database and keys in the background. Until they are loaded, the
    /// readiness path and the function return 503.
    /// </summary>
    public static WebApplication CreateFunction(string name, string[] args)
    {
        if (!FunctionCatalog.Names.Contains(name))
        {
            throw new ArgumentException(
                $"Unknown function '{name}'; the functions are {string.Join(", ", FunctionCatalog.Names)}.",
                nameof(name));
        }

        var builder = CreateBuilder(args, DefaultFunctionUrl);
        KeepOnlyFunction(builder.Services, name);
        builder.Services.AddHostedService<StartupPreparation>();
        var app = builder.Build();

        // The functions are created on first use, after the keys they need have loaded.
        var readiness = app.Services.GetRequiredService<Readiness>();
        Function? function = null;

        UseCommonMiddleware(app);
        app.MapOperations();
        app.Map("/{**path}", context =>
        {
            if (!readiness.IsReady)
            {
                context.Response.Headers.RetryAfter = "1";
                return Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                    $"{name} is starting; retry in a second.");
            }

            function ??= context.RequestServices.GetRequiredService<FunctionCatalog>().Find(name)!;
            return context.RequestServices.GetRequiredService<FunctionInvoker>().InvokeAsync(context, function);
        });

        LogListening(app, $"function {name}");
        return app;
    }

    /// <summary>Applies migrations and loads the keys before the first request.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microblog");
        await PrepareAsync(app.Services, logger, cancellationToken);
    }

    /// <summary>
    /// Creates the functions, which loads the keys they need, applies migrations, then marks
    /// the app ready.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        services.GetRequiredService<FunctionCatalog>();
        var database = services.GetRequiredService<IDatabase>();
        var applied = await database.MigrateAsync(cancellationToken);
        Log.DatabaseReady(logger, database.Description, applied);
        services.GetRequiredService<Readiness>().MarkReady();
    }

    /// <summary>
    /// Removes the other functions' registrations, so a function that neither signs nor
    /// validates tokens (register, list-posts, add-post with remote validation) needs no keys.
    /// A function's class is named after it: validate-jwt is <c>ValidateJwtFunction</c>.
    /// </summary>
    private static void KeepOnlyFunction(IServiceCollection services, string name)
    {
        var typeName = string.Concat(name.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]))
            + nameof(Function);
        var others = services
            .Where(d => d.ServiceType == typeof(Function) && d.ImplementationType?.Name != typeName)
            .ToList();
        if (others.Count != FunctionCatalog.Names.Count - 1)
        {
            throw new InvalidOperationException($"No function class {typeName} is registered for '{name}'.");
        }

        foreach (var descriptor in others)
        {
            services.Remove(descriptor);
        }
    }

    private static WebApplicationBuilder CreateBuilder(string[] args, string defaultUrl)
    {
        var builder = SlimHost.CreateBuilder(args);
        builder.Configuration.AddSecretFilesFirst(builder.Configuration[SecretFiles.DirectorySetting]);
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrEmpty(urls))
        {
            builder.WebHost.UseUrls(defaultUrl);
        }
        else
        {
            ListenAddresses.Validate(urls);
        }

        var dataDirectory = Path.GetFullPath(builder.Configuration["data"] ?? "data");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = JsonBody.MaxDrainBytes;
        });
        ConfigureLogging(builder);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout(builder.Configuration["MICROBLOG_SHUTDOWN_TIMEOUT"]));
        builder.Services.AddMicroblog(builder.Configuration, dataDirectory);
        builder.Services.AddMicroblogOperations(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Logs JSON lines, one object per line, as log collectors read them. Setting
    /// <c>Logging:Console:FormatterName</c> to <c>simple</c> gives plain text instead.
    /// </summary>
    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            // A configured level wins, so operators can still turn ASP.NET Core's logs up.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        if (string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
    }

    /// <summary>
    /// How long a stop (SIGTERM) waits for requests in flight: <c>MICROBLOG_SHUTDOWN_TIMEOUT</c>
    /// seconds, 25 by default, which is within Kubernetes' default 30 s grace period.
    /// </summary>
    private static TimeSpan ShutdownTimeout(string? configured) =>
        double.TryParse(configured, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(25);

    private static void UseCommonMiddleware(WebApplication app)
    {
        app.UseRequestLogging();
        UseErrorHandling(app);
        app.UseTrustedProxies();
    }

    private static void LogListening(WebApplication app, string mode)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microblog");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            Log.Listening(logger, mode, string.Join(", ", addresses ?? []));
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
