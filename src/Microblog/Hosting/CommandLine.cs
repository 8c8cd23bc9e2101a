using Microblog.Functions;

namespace Microblog.Hosting;

/// <summary>The <c>microblog</c> commands.</summary>
internal static class CommandLine
{
    private static readonly string Usage = $"""
        Usage: microblog COMMAND [OPTIONS]

        Commands:
          serve [--urls URL] [--data DIR]
              Serve all five functions behind an OpenFaaS-compatible gateway at /function/NAME.
              --urls  the address to listen on (default http://127.0.0.1:8080)
              --data  the folder for the SQLite database and the generated keys (default ./data)
          function NAME [--urls URL] [--data DIR]
              Serve one function (register, login, validate-jwt, add-post or list-posts) at /
              and every sub-path, as of-watchdog in HTTP mode expects. Readiness at /_/ready.
              --urls  the address to listen on (default http://127.0.0.1:3000, of-watchdog's
                      upstream_url); the urls or ASPNETCORE_URLS variable sets it too
        {KeyCommands.Usage}
          help
              Print this text.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length == 0 ? "help" : args[0];
        var options = args.Skip(1).ToArray();
        switch (command)
        {
            case "serve":
                return await RunServeAsync(options);
            case "function" when options.Length > 0 && !options[0].StartsWith('-'):
                return await RunFunctionAsync(options[0], options[1..]);
            case "keys":
                return await KeyCommands.RunAsync(options);
            case "help" or "--help" or "-h":
                Console.WriteLine(Usage);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'.\n\n{Usage}");
                return 2;
        }
    }

    private static async Task<int> RunFunctionAsync(string name, string[] options)
    {
        if (!FunctionCatalog.Names.Contains(name))
        {
            await Console.Error.WriteLineAsync(
                $"Unknown function '{name}'; the functions are {string.Join(", ", FunctionCatalog.Names)}.");
            return 2;
        }

        await using var app = MicroblogHost.CreateFunction(name, options);
        try
        {
            await app.RunAsync();
        }
        catch (OperationCanceledException) when (Environment.ExitCode != 0)
        {
            // Startup failed and stopped the host before Kestrel finished starting; the
            // failure is logged already.
        }

        return Environment.ExitCode;
    }

    private static async Task<int> RunServeAsync(string[] options)
    {
        WebApplication app;
        try
        {
            app = await MicroblogHost.CreateServeAsync(options);
        }
        catch (InvalidOperationException exception)
        {
            // A setting that cannot be used, such as an unreadable key: the message names it.
            await Console.Error.WriteLineAsync($"microblog serve could not start: {exception.Message}");
            return 1;
        }

        await using (app)
        {
            await app.RunAsync();
        }

        return 0;
    }
}
