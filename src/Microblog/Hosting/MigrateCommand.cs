using Microblog.Storage;

namespace Microblog.Hosting;

/// <summary>
/// <c>microblog migrate</c>: applies pending migrations to the configured database and exits,
/// so a deployment can migrate before it starts the functions. Settings are read as
/// <c>serve</c> reads them: environment variables, secret files and the command line.
/// </summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var dataDirectory = Path.GetFullPath(configuration["data"] ?? "data");

        var database = StorageServices.CreateDatabase(configuration, dataDirectory);
        try
        {
            var applied = await database.MigrateAsync(CancellationToken.None);
            Console.WriteLine($"Database ready: {database.Description}; {applied} migrations applied.");
            return 0;
        }
        finally
        {
            await DisposeAsync(database);
        }
    }

    private static async ValueTask DisposeAsync(IDatabase database)
    {
        switch (database)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
