namespace Microblog.Browser.Tests.Infrastructure;

/// <summary>The folder for screenshots: artifacts/screenshots at the repository root.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Create();

    private static string Create()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Microblog.slnx")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        return System.IO.Directory.CreateDirectory(path).FullName;
    }
}
