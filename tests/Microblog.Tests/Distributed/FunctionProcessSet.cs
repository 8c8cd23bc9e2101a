using System.Security.Cryptography;
using System.Text;
using Microblog.Tests.Infrastructure;
using MySqlConnector;

namespace Microblog.Tests.Distributed;

/// <summary>
/// The distributed shape on one machine: one <c>microblog function NAME</c> process per
/// function, each on its own port, sharing one database and one key pair given as the
/// <c>private_key</c> setting. add-post runs three times: two replicas that validate in process
/// and one that calls the validate-jwt process over HTTP.
/// </summary>
public sealed class FunctionProcessSet : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string MariaDb = "mariadb";

    private readonly List<MicroblogChildProcess> _processes = [];
    private readonly string _serverConnectionString = "";
    private readonly string? _databaseName;

    private FunctionProcessSet(string store)
    {
        Store = store;
        if (store == MariaDb)
        {
            _serverConnectionString = Environment.GetEnvironmentVariable("MICROBLOG_TEST_MYSQL")
                ?? throw new InvalidOperationException("MICROBLOG_TEST_MYSQL is not set.");
            _databaseName = $"microblog_fn_{Guid.NewGuid():N}"[..31];
        }
    }

    public string Store { get; }

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("microblog-functions-").FullName;

    public RSA SigningKey { get; } = RSA.Create(2048);

    public MicroblogChildProcess Register { get; private set; } = null!;

    public MicroblogChildProcess Login { get; private set; } = null!;

    public MicroblogChildProcess ValidateJwt { get; private set; } = null!;

    public MicroblogChildProcess AddPost { get; private set; } = null!;

    public MicroblogChildProcess AddPostReplica { get; private set; } = null!;

    public MicroblogChildProcess AddPostRemote { get; private set; } = null!;

    public MicroblogChildProcess ListPosts { get; private set; } = null!;

    public IReadOnlyList<MicroblogChildProcess> All => _processes;

    /// <summary>Starts the seven processes on a new SQLite file or a new MariaDB database.</summary>
    public static async Task<FunctionProcessSet> StartAsync(string store)
    {
        var set = new FunctionProcessSet(store);
        try
        {
            await set.CreateDatabaseAsync();
            await set.StartAllAsync();
            return set;
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
    }

    public Task<MicroblogChildProcess> StartFunctionAsync(string name, Dictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["private_key"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(SigningKey.ExportPkcs8PrivateKeyPem())),
        };
        if (_databaseName is not null)
        {
            environment["MICROBLOG_DATABASE"] =
                new MySqlConnectionStringBuilder(_serverConnectionString) { Database = _databaseName }.ConnectionString;
        }

        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }

        return MicroblogChildProcess.StartAsync(["function", name, "--data", DataDirectory], environment);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        SigningKey.Dispose();
        if (_databaseName is not null)
        {
            MySqlConnection.ClearAllPools();
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS `{_databaseName}`;");
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }

    private async Task StartAllAsync()
    {
        // The first process applies the migrations; the others start together on the migrated database.
        Register = await Track(StartFunctionAsync("register"));
        var login = Track(StartFunctionAsync("login"));
        var validate = Track(StartFunctionAsync("validate-jwt"));
        var addPost = Track(StartFunctionAsync("add-post"));
        var replica = Track(StartFunctionAsync("add-post"));
        var list = Track(StartFunctionAsync("list-posts"));
        (Login, ValidateJwt, AddPost, AddPostReplica, ListPosts) =
            (await login, await validate, await addPost, await replica, await list);

        AddPostRemote = await Track(StartFunctionAsync("add-post", new()
        {
            ["MICROBLOG_VALIDATE_JWT_URL"] = ValidateJwt.BaseAddress.ToString(),
        }));
    }

    private async Task CreateDatabaseAsync()
    {
        if (_databaseName is not null)
        {
            await ExecuteOnServerAsync($"CREATE DATABASE `{_databaseName}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;");
        }
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new MySqlConnectionStringBuilder(_serverConnectionString) { Database = "", Pooling = false };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<MicroblogChildProcess> Track(Task<MicroblogChildProcess> starting)
    {
        var process = await starting;
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }
}
