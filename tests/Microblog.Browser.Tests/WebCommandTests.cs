using System.Net;
using Microblog.WebClient;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Microblog.Browser.Tests;

/// <summary><c>microblog web</c>: the web client alone, as an OpenFaaS function serves it.</summary>
public sealed class WebCommandTests
{
    [Fact]
    public async Task WebCommandServesClientOnly()
    {
        await using var app = WebClientHost.Create(["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var page = await http.GetAsync("/");
        var script = await http.GetAsync("/app.js");
        var function = await http.PostAsync("/function/register", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(WebClientEndpoints.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<script type=\"module\" src=\"app.js\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, function.StatusCode);
        Assert.Equal("application/problem+json", function.Content.Headers.ContentType?.MediaType);
        await app.StopAsync();
    }
}
