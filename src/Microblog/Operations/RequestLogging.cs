using System.Diagnostics;

namespace Microblog.Operations;

/// <summary>
/// Writes one log line per request and records function invocations in the metrics. Only the
/// method, the path without its query, the status and the duration are logged: bodies and
/// headers can carry passwords and tokens.
/// </summary>
internal static class RequestLogging
{
    private const string FunctionItem = "Microblog.Function";

    /// <summary>Marks the request as an invocation of the named function.</summary>
    public static void SetFunction(HttpContext context, string function) => context.Items[FunctionItem] = function;

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Microblog.Requests");
        var metrics = app.ApplicationServices.GetRequiredService<FunctionMetrics>();
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                var status = context.Response.StatusCode;
                var milliseconds = Math.Round(elapsed.TotalMilliseconds, 2);
                if (context.Items[FunctionItem] is string function)
                {
                    metrics.Record(function, status, elapsed);
                    OperationsLog.FunctionInvoked(
                        logger, function, context.Request.Method, context.Request.Path, status, milliseconds);
                }
                else
                {
                    OperationsLog.RequestServed(logger, context.Request.Method, context.Request.Path, status, milliseconds);
                }
            }
        });
    }
}
