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
          web [--urls URL]
              Serve the web client only, for a gateway that serves the functions on the same origin.
              --urls  the address to listen on (default http://127.0.0.1:8080)
          function NAME [--urls URL] [--data DIR]
              Serve one function (register, login, validate-jwt, add-post or list-posts) at /
              and every sub-path, as of-watchdog in HTTP mode expects. Readiness at /_/ready.
              --urls  the address to listen on (default http://127.0.0.1:3000, of-watchdog's
                      upstream_url); the urls or ASPNETCORE_URLS variable sets it too
          migrate [--data DIR]
              Apply pending database migrations and exit. The database is chosen as for serve:
              MICROBLOG_DATABASE or mysql_host for MySQL, else SQLite in --data.
        {KeyCommands.Usage}
          help
              Print this text.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var command = args[0];
        var options = args[1..];
        if (options.Any(option => option is "--help" or "-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        if (FindOptionWithoutValue(options) is { } incomplete)
        {
            await Console.Error.WriteLineAsync($"microblog {command}: option {incomplete} needs a value.\n\n{Usage}");
            return 2;
        }

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
            case "function" when options.Length > 0 && !options[0].StartsWith('-'):
                return await RunFunctionAsync(options[0], options[1..]);
            case "migrate":
                return await MigrateCommand.RunAsync(options);
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

    /// <summary>
    /// Returns the first <c>--name</c> option that is not followed by a value, such as a trailing
    /// <c>--urls</c>, which the configuration reader would otherwise ignore silently.
    /// </summary>
    private static string? FindOptionWithoutValue(string[] options)
    {
        for (var i = 0; i < options.Length; i++)
        {
            var option = options[i];
            if (!option.StartsWith("--", StringComparison.Ordinal) || option.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (i + 1 >= options.Length || options[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return option;
            }

            i++;
        }

        return null;
    }
}
