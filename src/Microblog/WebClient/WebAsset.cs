namespace Microblog.WebClient;

/// <summary>One file of the web client, read from the assembly's resources at startup.</summary>
internal sealed record WebAsset(string Path, string ContentType, ReadOnlyMemory<byte> Content, string ETag);
