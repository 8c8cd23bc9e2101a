namespace Microblog.Hosting;

/// <summary>The web application builder that every command of the executable starts from.</summary>
internal static class SlimHost
{
    /// <summary>
    /// Host setting that reads appsettings.json once instead of watching it. Watching puts an
    /// inotify watch on the working directory and on every folder below it. Started in a
    /// repository clone of about 800 folders, a function took 10 to 20 ms longer to respond to
    /// its first request, and each process used that many of the user's inotify watches.
    /// </summary>
    private const string ReadConfigurationOnce = "--hostBuilder:reloadConfigOnChange=false";

    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateSlimBuilder([.. args, ReadConfigurationOnce]);
}
