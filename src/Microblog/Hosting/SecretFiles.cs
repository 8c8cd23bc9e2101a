namespace Microblog.Hosting;

/// <summary>
/// Secrets as files, one value per file named after its setting, as OpenFaaS mounts them under
/// <c>/var/openfaas/secrets/</c>. <c>MICROBLOG_SECRETS</c> sets another folder.
/// </summary>
internal static class SecretFiles
{
    public const string DefaultDirectory = "/var/openfaas/secrets";
    public const string DirectoryVariable = "MICROBLOG_SECRETS";

    /// <summary>Returns the secrets folder: <c>MICROBLOG_SECRETS</c> when set, else the OpenFaaS one.</summary>
    public static string ResolveDirectory() =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : DefaultDirectory;

    /// <summary>
    /// Adds the files of the secrets folder as settings, when the folder exists. They override
    /// environment variables of the same name, because a secret is the deliberate source.
    /// </summary>
    public static IConfigurationBuilder AddSecretFiles(this IConfigurationBuilder configuration)
    {
        var directory = ResolveDirectory();
        if (Directory.Exists(directory))
        {
            configuration.AddKeyPerFile(directory, optional: true);
        }

        return configuration;
    }
}
