using Microblog.Storage.MySql;
using Microblog.Storage.Sqlite;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Storage;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    private string? _directory;

    protected override int MigrationCount => SqliteMigrations.All.Count;

    protected override Task CreateStorageAsync()
    {
        _directory = Directory.CreateTempSubdirectory("microblog-store-").FullName;
        return Task.CompletedTask;
    }

    protected override Task DeleteStorageAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    protected override Stores Connect()
    {
        var database = new SqliteDatabase(Path.Combine(_directory!, "microblog.db"));
        return new Stores(database, new SqliteUserStore(database), new SqlitePostStore(database));
    }
}

[RequiresMariaDb]
public sealed class MariaDbStoreContractTests : StoreContractTests
{
    private TestDatabase? _database;

    protected override int MigrationCount => MySqlMigrations.All.Count;

    protected override async Task CreateStorageAsync() => _database = await MariaDb.CreateDatabaseAsync();

    protected override async Task DeleteStorageAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override Stores Connect()
    {
        var database = new MySqlDatabase(_database!.ConnectionString);
        return new Stores(database, new MySqlUserStore(database), new MySqlPostStore(database));
    }
}
