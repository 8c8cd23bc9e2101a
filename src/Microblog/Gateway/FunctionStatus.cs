using System.Text.Json.Serialization;

namespace Microblog.Gateway;

/// <summary>
/// A function as the OpenFaaS gateway describes it at <c>/system/functions</c>, with the member
/// names of OpenFaaS's <c>FunctionStatus</c> type, which <c>faas-cli list</c> and
/// <c>faas-cli describe</c> read.
/// </summary>
internal sealed record FunctionStatus(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("envProcess")] string EnvProcess,
    [property: JsonPropertyName("invocationCount")] double InvocationCount,
    [property: JsonPropertyName("replicas")] ulong Replicas,
    [property: JsonPropertyName("availableReplicas")] ulong AvailableReplicas,
    [property: JsonPropertyName("labels")] Dictionary<string, string> Labels,
    [property: JsonPropertyName("annotations")] Dictionary<string, string> Annotations,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt);

/// <summary>The gateway's <c>/system/info</c> document, which <c>faas-cli version</c> reads.</summary>
internal sealed record SystemInfo(
    [property: JsonPropertyName("provider")] ProviderInfo Provider,
    [property: JsonPropertyName("version")] VersionInfo Version,
    [property: JsonPropertyName("arch")] string Arch);

internal sealed record ProviderInfo(
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("orchestration")] string Orchestration,
    [property: JsonPropertyName("version")] VersionInfo Version);

internal sealed record VersionInfo(
    [property: JsonPropertyName("release")] string Release,
    [property: JsonPropertyName("sha")] string Sha);
