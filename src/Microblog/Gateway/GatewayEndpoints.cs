using System.Runtime.InteropServices;
using Microblog.Functions;
using Microblog.Http;
using Microblog.Tokens;

namespace Microblog.Gateway;

/// <summary>
/// The routes of the embedded OpenFaaS-compatible gateway: <c>/function/NAME</c> for the five
/// functions and the <c>/system</c> routes that faas-cli reads.
/// </summary>
internal static class GatewayEndpoints
{
    private const string Namespace = "openfaas-fn";

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder routes)
    {
        routes.Map("/function/{name}", InvokeAsync);
        routes.Map("/function/{name}/{**rest}", InvokeAsync);

        routes.MapGet("/system/functions", (FunctionCatalog catalog) =>
            TypedResults.Json(catalog.All.Select(f => Describe(catalog, f)).ToList(),
                ApiJsonContext.Wire.ListFunctionStatus));

        routes.MapGet("/system/function/{name}", (string name, FunctionCatalog catalog) =>
            catalog.Find(name) is { } function
                ? TypedResults.Json(Describe(catalog, function), ApiJsonContext.Wire.FunctionStatus)
                : Problems.Create(StatusCodes.Status404NotFound, $"Function '{name}' not found."));

        routes.MapGet("/system/info", () => TypedResults.Json(SystemInformation, ApiJsonContext.Wire.SystemInfo));

        return routes;
    }

    public static IEndpointRouteBuilder MapJsonWebKeySet(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/.well-known/jwks.json", (KeyRing keys) =>
            TypedResults.Json(JsonWebKeySetDocument.From(keys), ApiJsonContext.Wire.JsonWebKeySetDocument));
        return routes;
    }

    private static readonly VersionInfo Version = new(
        typeof(GatewayEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0", "");

    private static readonly SystemInfo SystemInformation = new(
        new ProviderInfo("microblog", "embedded", Version),
        Version,
        RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant());

    private static async Task InvokeAsync(HttpContext context, string name, FunctionCatalog catalog, FunctionInvoker invoker)
    {
        if (catalog.Find(name) is not { } function)
        {
            await Problems.WriteAsync(context, StatusCodes.Status404NotFound,
                $"Function '{name}' not found; the functions are {string.Join(", ", FunctionCatalog.Names)}.");
            return;
        }

        await invoker.InvokeAsync(context, function);
    }

    private static FunctionStatus Describe(FunctionCatalog catalog, Function function) => new(
        function.Name,
        Image: "microblog:embedded",
        Namespace,
        EnvProcess: $"microblog function {function.Name}",
        InvocationCount: catalog.InvocationCount(function.Name),
        Replicas: 1,
        AvailableReplicas: 1,
        Labels: new() { ["faas_function"] = function.Name },
        Annotations: [],
        CreatedAt: catalog.StartedAt);
}
