using System.Security.Cryptography;
using System.Text;
using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Distributed;

/// <summary>
/// The distributed shape on one machine: one <c>microblog function NAME</c> process per
/// function, each on its own port, sharing one SQLite file and one key pair given as the
/// <c>private_key</c> setting. add-post runs three times: two replicas that validate in process
/// and one that calls the validate-jwt process over HTTP.
/// </summary>
public sealed class FunctionProcessesFixture : IAsyncLifetime
{
    private readonly List<MicroblogProcess> _processes = [];

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("microblog-functions-").FullName;

    public RSA SigningKey { get; } = RSA.Create(2048);

    public MicroblogProcess Register { get; private set; } = null!;

    public MicroblogProcess Login { get; private set; } = null!;

    public MicroblogProcess ValidateJwt { get; private set; } = null!;

    public MicroblogProcess AddPost { get; private set; } = null!;

    public MicroblogProcess AddPostReplica { get; private set; } = null!;

    public MicroblogProcess AddPostRemote { get; private set; } = null!;

    public MicroblogProcess ListPosts { get; private set; } = null!;

    public IReadOnlyList<MicroblogProcess> All => _processes;

    public Dictionary<string, string> Environment => new()
    {
        ["private_key"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(SigningKey.ExportPkcs8PrivateKeyPem())),
    };

    public Task<MicroblogProcess> StartFunctionAsync(string name, Dictionary<string, string>? extra = null)
    {
        var environment = Environment;
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }

        return MicroblogProcess.StartAsync(["function", name, "--data", DataDirectory], environment);
    }

    public async Task InitializeAsync()
    {
        // The first process applies the migrations; the others start together on the migrated file.
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

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        SigningKey.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }

    private async Task<MicroblogProcess> Track(Task<MicroblogProcess> starting)
    {
        var process = await starting;
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }
}
