namespace Microblog.Hosting;

/// <summary>The <c>microblog</c> commands.</summary>
internal static class CommandLine
{
    private const string Usage = """
        Usage: microblog COMMAND [OPTIONS]

        Commands:
          serve [--urls URL] [--data DIR]
              Serve all five functions behind an OpenFaaS-compatible gateway at /function/NAME.
              --urls  the address to listen on (default http://127.0.0.1:8080)
              --data  the folder for the SQLite database and the generated keys (default ./data)
          web [--urls URL]
              Serve the web client only, for a gateway that serves the functions on the same origin.
              --urls  the address to listen on (default http://127.0.0.1:8080)
          migrate [--data DIR]
              Apply pending database migrations and exit. The database is chosen as for serve:
              MICROBLOG_DATABASE or mysql_host for MySQL, else SQLite in --data.
          help
              Print this text.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length == 0 ? "help" : args[0];
        var options = args.Skip(1).ToArray();
        try
        {
            return await RunCommandAsync(command, options);
        }
        catch (Exception exception) when (StartupErrors.IsExpected(exception))
        {
            // A configuration or database problem: the message names what to fix, and a stack trace would not.
            await Console.Error.WriteLineAsync($"microblog {command}: {exception.Message}");
            return 1;
        }
    }

    private static async Task<int> RunCommandAsync(string command, string[] options)
    {
        switch (command)
        {
            case "serve":
                await using (var app = await MicroblogHost.CreateServeAsync(options))
                {
                    await app.RunAsync();
                }

                return 0;
            case "web":
                await using (var app = WebClient.WebClientHost.Create(options))
                {
                    await app.RunAsync();
                }

                return 0;
            case "migrate":
                return await MigrateCommand.RunAsync(options);
            case "help" or "--help" or "-h":
                Console.WriteLine(Usage);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'.\n\n{Usage}");
                return 2;
        }
    }
}
