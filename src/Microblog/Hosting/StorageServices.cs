using Microblog.Accounts;
using Microblog.Posts;
using Microblog.Storage;
using Microblog.Storage.MySql;
using Microblog.Storage.Sqlite;

namespace Microblog.Hosting;

/// <summary>Registers the database that <see cref="DatabaseSettings"/> chooses and its stores.</summary>
internal static class StorageServices
{
    public static IServiceCollection AddStorage(
        this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var connectionString = DatabaseSettings.ReadMySqlConnectionString(configuration);
        if (connectionString is not null)
        {
            // Created by the container, so that it disposes the data source and its pool.
            services.AddSingleton(_ => new MySqlDatabase(connectionString));
            services.AddSingleton<IDatabase>(provider => provider.GetRequiredService<MySqlDatabase>());
            services.AddSingleton<IUserStore, MySqlUserStore>();
            services.AddSingleton<IPostStore, MySqlPostStore>();
            return services;
        }

        // Created by the container, so that it disposes the database at shutdown. Closing the
        // last connection checkpoints the write-ahead log and deletes microblog.db-wal.
        var path = SqlitePath(dataDirectory);
        services.AddSingleton(_ => new SqliteDatabase(path));
        services.AddSingleton<IDatabase>(provider => provider.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<IPostStore, SqlitePostStore>();
        return services;
    }

    /// <summary>Creates the configured database without a service container, for <c>microblog migrate</c>.</summary>
    public static IDatabase CreateDatabase(IConfiguration configuration, string dataDirectory) =>
        DatabaseSettings.ReadMySqlConnectionString(configuration) is { } connectionString
            ? new MySqlDatabase(connectionString)
            : new SqliteDatabase(SqlitePath(dataDirectory));

    private static string SqlitePath(string dataDirectory) => Path.Combine(dataDirectory, "microblog.db");
}
