using Microblog.Accounts;
using Microblog.Functions;
using Microblog.Posts;
using Microblog.Throttling;
using Microblog.Tokens;

namespace Microblog.Hosting;

/// <summary>Registers the domain services, the stores and the five functions.</summary>
internal static class MicroblogServices
{
    public static IServiceCollection AddMicroblog(
        this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new TokenOptions
        {
            Issuer = configuration["MICROBLOG_ISSUER"] is { Length: > 0 } issuer ? issuer : "microblog",
        });
        services.AddSingleton(provider => KeyRingLoader.Load(
            configuration, dataDirectory, provider.GetRequiredService<ILoggerFactory>().CreateLogger("Microblog.Keys")));
        services.AddSingleton<PasswordHasher>(_ => new PasswordHasher());
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<ITokenValidator>(provider => provider.GetRequiredService<TokenValidator>());
        services.AddSingleton<AccountService>();
        services.AddSingleton<PostService>();

        services.AddStorage(configuration, dataDirectory);
        services.AddThrottling(configuration);

        services.AddSingleton<Function, RegisterFunction>();
        services.AddSingleton<Function, LoginFunction>();
        services.AddSingleton<Function, ValidateJwtFunction>();
        services.AddSingleton<Function, AddPostFunction>();
        services.AddSingleton<Function, ListPostsFunction>();
        services.AddSingleton<PostPageCache>();
        services.AddSingleton<FunctionCatalog>();
        services.AddSingleton<FunctionInvoker>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
