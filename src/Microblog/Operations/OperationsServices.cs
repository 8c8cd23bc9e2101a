using Microblog.Hosting;
using Microblog.Tokens;

namespace Microblog.Operations;

/// <summary>Registers readiness, metrics and the choice of token validator for add-post.</summary>
internal static class OperationsServices
{
    public static IServiceCollection AddMicroblogOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<Readiness>();
        services.AddHostedService<StartupMemoryRelease>();
        services.AddHealthChecks().AddCheck<Readiness>("ready");
        services.AddSingleton<FunctionMetrics>();

        if (RemoteTokenValidator.ReadUrl(configuration) is not null)
        {
            services.AddHttpClient(RemoteTokenValidator.ClientName, client =>
            {
                client.Timeout = RemoteTokenValidator.Timeout;
            });

            // Registered last, so it replaces the in-process validator for add-post.
            services.AddSingleton<ITokenValidator, RemoteTokenValidator>();
        }

        return services;
    }
}
