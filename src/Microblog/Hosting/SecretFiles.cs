namespace Microblog.Hosting;

/// <summary>
/// Secrets mounted as files, one value a file named after the setting, in the folder where
/// OpenFaaS mounts them (<c>/var/openfaas/secrets</c>) or the folder that
/// <c>MICROBLOG_SECRETS</c> names.
/// </summary>
internal sealed class SecretFiles(string directory)
{
    public const string DefaultDirectory = "/var/openfaas/secrets";
    public const string DirectorySetting = "MICROBLOG_SECRETS";

    public string Directory { get; } = directory;

    public static SecretFiles From(IConfiguration configuration) =>
        new(configuration[DirectorySetting] is { Length: > 0 } directory ? directory : DefaultDirectory);

    /// <summary>
    /// Reads the secret <paramref name="name"/>, or returns null when there is no such file. A
    /// trailing line break, which editors and <c>echo</c> add, is not part of the value.
    /// </summary>
    public string? Read(string name)
    {
        var path = Path.Combine(Directory, name);
        return File.Exists(path) ? File.ReadAllText(path).TrimEnd('\r', '\n') : null;
    }

    /// <summary>Returns the setting when it is set and not empty, else the secret file of that name.</summary>
    public string? ReadSetting(IConfiguration configuration, string name) =>
        configuration[name] is { Length: > 0 } value ? value : Read(name);
}
