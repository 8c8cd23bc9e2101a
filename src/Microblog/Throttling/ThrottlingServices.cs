namespace Microblog.Throttling;

internal static class ThrottlingServices
{
    /// <summary>Registers the rate limits of <c>Microblog:RateLimits</c> and the trusted proxies.</summary>
    public static IServiceCollection AddThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new RateLimitOptions();
        configuration.GetSection(RateLimitOptions.SectionName).Bind(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<RequestThrottle>();
        return services.AddTrustedProxies(configuration);
    }
}
