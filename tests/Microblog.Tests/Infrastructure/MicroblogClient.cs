using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Microblog.Tests.Infrastructure;

/// <summary>A response's status and its body parsed as JSON.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Message)
{
    public string? Error => Body?["error"]?.GetValue<string>();

    public string? Field => Body?["field"]?.GetValue<string>();

    public string Text(string member) => Body?[member]?.GetValue<string>()
        ?? throw new InvalidOperationException($"The response has no string member '{member}': {Body?.ToJsonString()}");
}

/// <summary>Calls the five functions over real HTTP, the way faas-cli and curl clients do.</summary>
public sealed class MicroblogClient(HttpClient http)
{
    public HttpClient Http => http;

    /// <summary>Sends a body as <c>text/plain</c>, as <c>faas-cli invoke</c> does by default.</summary>
    public Task<ApiResponse> InvokeAsync(string function, string body, string mediaType = "text/plain") =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"function/{function}")
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        });

    public Task<ApiResponse> InvokeAsync(string function, object body) =>
        InvokeAsync(function, JsonSerializer.Serialize(body), "application/json");

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request)
    {
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0)
        {
            body = JsonNode.Parse(text);
        }

        return new ApiResponse(response.StatusCode, body, response);
    }

    public async Task<ApiResponse> GetAsync(string path) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<ApiResponse> RegisterAsync(TestUser user) => InvokeAsync("register", user.Registration);

    public async Task<string> RegisterAndLoginAsync(TestUser user)
    {
        var registered = await RegisterAsync(user);
        Assert.Equal(HttpStatusCode.Created, registered.Status);
        return await LoginAsync(user);
    }

    public async Task<string> LoginAsync(TestUser user)
    {
        var login = await InvokeAsync("login", new { username = user.Username, password = user.Password });
        Assert.Equal(HttpStatusCode.OK, login.Status);
        return login.Text("token");
    }

    public Task<ApiResponse> AddPostAsync(string token, string body) =>
        InvokeAsync("add-post", new { token, body });

    public Task<ApiResponse> AddPostWithBearerAsync(string token, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "function/add-post")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { body }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return SendAsync(request);
    }
}
