using Microsoft.Extensions.Configuration.KeyPerFile;

namespace Microblog.Hosting;

/// <summary>
/// Adds the files of the secrets folder (see <see cref="SecretFiles"/>) as settings with the
/// lowest precedence, so an environment variable or option of the same name wins, as
/// <see cref="SecretFiles.ReadSetting"/> decides it.
/// </summary>
internal static class SecretFilesConfiguration
{
    public static IConfigurationBuilder AddSecretFilesFirst(this IConfigurationBuilder configuration, string? directory)
    {
        var folder = Path.GetFullPath(directory is { Length: > 0 } ? directory : SecretFiles.DefaultDirectory);
        if (Directory.Exists(folder))
        {
            var source = new KeyPerFileConfigurationSource { Optional = true };
            source.FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(folder);
            configuration.Sources.Insert(0, source);
        }

        return configuration;
    }
}
