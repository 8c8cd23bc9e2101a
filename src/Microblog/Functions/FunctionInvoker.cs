using Microblog.Hosting;
using Microblog.Http;
using Microblog.Operations;
using Microsoft.Net.Http.Headers;

namespace Microblog.Functions;

/// <summary>
/// Calls a function the way both hosts do: checks the method (405 with an <c>Allow</c>
/// header), runs the handler, and turns an unavailable database into 503.
/// </summary>
internal sealed class FunctionInvoker(FunctionCatalog catalog, ILogger<FunctionInvoker> logger)
{
    public async Task InvokeAsync(HttpContext context, Function function)
    {
        catalog.CountInvocation(function.Name);
        RequestLogging.SetFunction(context, function.Name);

        if (!function.Methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.Headers[HeaderNames.Allow] = string.Join(", ", function.Methods);
            await Problems.WriteAsync(context, StatusCodes.Status405MethodNotAllowed,
                $"Method {context.Request.Method} is not allowed for {function.Name}; use {string.Join(" or ", function.Methods)}.");
            return;
        }

        IResult result;
        try
        {
            result = await function.InvokeAsync(context);
        }
        catch (StoreUnavailableException exception)
        {
            Log.DatabaseUnavailable(logger, exception, function.Name);
            context.Response.Headers[HeaderNames.RetryAfter] = "2";
            result = Problems.Unavailable();
        }

        await result.ExecuteAsync(context);
    }
}
