using System.Globalization;
using MySqlConnector;

namespace Microblog.Hosting;

/// <summary>
/// Chooses the database. A MySQL connection string comes from <c>MICROBLOG_DATABASE</c> or
/// the <c>database</c> secret file; failing that, from the settings earlier deployments used:
/// <c>mysql_host</c>, <c>mysql_user</c>, <c>mysql_password</c>, <c>mysql_database</c> and
/// <c>mysql_port</c>, each also readable from a secret file of that name. With none of them,
/// the service uses SQLite in the data folder.
/// </summary>
internal static class DatabaseSettings
{
    public const string ConnectionStringSetting = "MICROBLOG_DATABASE";
    public const string ConnectionStringSecret = "database";

    /// <summary>Returns the configured MySQL connection string, or null when SQLite is to be used.</summary>
    public static string? ReadMySqlConnectionString(IConfiguration configuration)
    {
        var secrets = SecretFiles.From(configuration);
        var configured = configuration[ConnectionStringSetting] is { Length: > 0 } setting
            ? setting
            : secrets.Read(ConnectionStringSecret);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Validate(configured);
        }

        var host = secrets.ReadSetting(configuration, "mysql_host");
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var builder = new MySqlConnectionStringBuilder
        {
            Server = host.Trim(),
            UserID = Require(secrets, configuration, "mysql_user"),
            Password = secrets.ReadSetting(configuration, "mysql_password") ?? "",
            Database = Require(secrets, configuration, "mysql_database"),
        };
        if (secrets.ReadSetting(configuration, "mysql_port") is { Length: > 0 } port)
        {
            builder.Port = ParsePort(port);
        }

        return builder.ConnectionString;
    }

    private static string Validate(string connectionString)
    {
        try
        {
            var builder = new MySqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(builder.Database))
            {
                throw new InvalidOperationException(
                    $"The {ConnectionStringSetting} connection string names no database; add Database=NAME.");
            }

            return connectionString;
        }
        catch (ArgumentException exception)
        {
            // The message names the invalid option, never its value, so no password leaks.
            throw new InvalidOperationException(
                $"The {ConnectionStringSetting} setting is not a valid MySQL connection string: {exception.Message}",
                exception);
        }
    }

    private static string Require(SecretFiles secrets, IConfiguration configuration, string name) =>
        secrets.ReadSetting(configuration, name) is { Length: > 0 } value
            ? value.Trim()
            : throw new InvalidOperationException($"The {name} setting is missing; it is required when mysql_host is set.");

    private static uint ParsePort(string value) =>
        uint.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new InvalidOperationException($"The mysql_port setting must be a port number from 1 to 65535; it is '{value}'.");
}
