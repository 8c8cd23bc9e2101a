using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Microblog.Benchmarks;

/// <summary>
/// The throughput ceiling: Kestrel set up as <c>microblog serve</c> sets it up, answering
/// list-posts with a page fetched once from a running service and kept serialized in memory.
/// No function can be faster on the same machine, so results are reported as fractions of it.
/// Usage: ceiling URLS SOURCE_URL.
/// </summary>
internal static class CeilingServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var http = new HttpClient();
        var page = await http.GetByteArrayAsync(args[1]);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(args[0]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.ClearProviders();

        var app = builder.Build();
        app.Map("/function/{name}", (HttpContext context) =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            return context.Response.Body.WriteAsync(page).AsTask();
        });
        await app.RunAsync();
        return 0;
    }
}
