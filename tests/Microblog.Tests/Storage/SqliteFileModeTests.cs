using Microblog.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Microblog.Tests.Storage;

/// <summary>The SQLite files hold password hashes and e-mail addresses, so only their owner may read them.</summary>
public sealed class SqliteFileModeTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _data = Directory.CreateTempSubdirectory("microblog-mode-").FullName;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task NewDatabaseIsOwnerOnly()
    {
        var path = Path.Combine(_data, "microblog.db");
        using var database = new SqliteDatabase(path);

        await database.MigrateAsync(CancellationToken.None);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path + "-wal"));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path + "-shm"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
