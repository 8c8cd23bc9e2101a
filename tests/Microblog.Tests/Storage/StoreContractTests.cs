using Microblog.Accounts;
using Microblog.Posts;
using Microblog.Storage;

namespace Microblog.Tests.Storage;

/// <summary>
/// The behaviour every store must have, run against each store through its subclass. Each
/// test starts on a freshly migrated, empty database.
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, 123, TimeSpan.Zero);

    private Stores? _stores;

    private IUserStore Users => Current.Users;

    private IPostStore Posts => Current.Posts;

    private Stores Current => _stores ?? throw new InvalidOperationException("The store has not been created.");

    public async Task InitializeAsync()
    {
        await CreateStorageAsync();
        _stores = Connect();
        await _stores.Database.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }

        await DeleteStorageAsync();
    }

    [Fact]
    public async Task CreatedUserIsFoundIgnoringCase()
    {
        var id = await Users.TryCreateAsync(NewUser("Grace_Hopper"), CancellationToken.None);

        var found = await Users.FindByUsernameAsync("grace_HOPPER", CancellationToken.None);

        Assert.NotNull(id);
        Assert.NotNull(found);
        Assert.Equal(id, found.Id);
        Assert.Equal("Grace_Hopper", found.Username);
        Assert.Equal("Grace_Hopper@Example.test", found.Email);
        Assert.Equal("hash-of-Grace_Hopper", found.PasswordHash);
    }

    [Fact]
    public async Task UnknownUserIsNotFound()
    {
        Assert.Null(await Users.FindByUsernameAsync("nobody_here", CancellationToken.None));
        Assert.False(await Posts.UserExistsAsync("nobody_here", CancellationToken.None));
    }

    [Fact]
    public async Task UsernameDifferingInCaseIsRejected()
    {
        await Users.TryCreateAsync(NewUser("linus"), CancellationToken.None);

        var second = await Users.TryCreateAsync(NewUser("LINUS") with { Email = "other@example.test" }, CancellationToken.None);

        Assert.Null(second);
        Assert.True(await Posts.UserExistsAsync("Linus", CancellationToken.None));
    }

    [Fact]
    public async Task EmailDifferingInCaseIsRejected()
    {
        await Users.TryCreateAsync(NewUser("first") with { Email = "same@example.test" }, CancellationToken.None);

        var second = await Users.TryCreateAsync(NewUser("second") with { Email = "SAME@Example.TEST" }, CancellationToken.None);

        Assert.Null(second);
    }

    [Fact]
    public async Task ConcurrentCreatesMakeOneUser()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Users.TryCreateAsync(NewUser(i % 2 == 0 ? "racer" : "RACER") with { Email = $"racer{i}@example.test" },
                CancellationToken.None)));

        Assert.Single(attempts, id => id is not null);
    }

    [Fact]
    public async Task PasswordHashIsReplacedOnlyWhenCurrent()
    {
        var id = (await Users.TryCreateAsync(NewUser("rotating"), CancellationToken.None))!.Value;

        var stale = await Users.ReplacePasswordHashAsync(id, "not the current hash", "new", CancellationToken.None);
        var current = await Users.ReplacePasswordHashAsync(id, "hash-of-rotating", "new", CancellationToken.None);

        Assert.False(stale);
        Assert.True(current);
        Assert.Equal("new", (await Users.FindByUsernameAsync("rotating", CancellationToken.None))!.PasswordHash);
    }

    [Fact]
    public async Task PostByUnknownUserIsRejected()
    {
        var post = await Posts.AddAsync("ghost", "boo", Now, CancellationToken.None);

        Assert.Null(post);
        Assert.Empty(await Posts.ListAsync(new PostQuery(null, 0, 100, null), CancellationToken.None));
    }

    [Fact]
    public async Task PostIsStoredWithAuthorAndTime()
    {
        await Users.TryCreateAsync(NewUser("Author"), CancellationToken.None);

        var post = await Posts.AddAsync("author", "first words", Now, CancellationToken.None);
        var listed = await Posts.ListAsync(new PostQuery(null, 0, 100, null), CancellationToken.None);

        Assert.NotNull(post);
        Assert.Equal("Author", post.Username);
        Assert.Equal(post, Assert.Single(listed));
        Assert.Equal(Now, listed[0].CreatedAt);
    }

    [Fact]
    public async Task EmojiAndCjkTextRoundTrip()
    {
        const string Body = "🎉 こんにちは 世界 👩‍👩‍👧 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 — ünïcödé";
        await Users.TryCreateAsync(NewUser("unicode") with { FirstName = "名前 🌸", LastName = "Ōta" }, CancellationToken.None);

        await Posts.AddAsync("unicode", Body, Now, CancellationToken.None);
        var listed = await Posts.ListAsync(new PostQuery("unicode", 0, 10, null), CancellationToken.None);
        var user = await Users.FindByUsernameAsync("unicode", CancellationToken.None);

        Assert.Equal(Body, Assert.Single(listed).Body);
        Assert.Equal("名前 🌸", user!.FirstName);
        Assert.Equal("Ōta", user.LastName);
    }

    [Fact]
    public async Task PostsAreListedNewestFirst()
    {
        await Users.TryCreateAsync(NewUser("orderly"), CancellationToken.None);
        var added = new List<Post>();
        for (var i = 0; i < 5; i++)
        {
            added.Add((await Posts.AddAsync("orderly", $"post {i}", Now, CancellationToken.None))!);
        }

        var listed = await Posts.ListAsync(new PostQuery(null, 0, 100, null), CancellationToken.None);

        Assert.Equal(added.Select(p => p.Id).Order(), added.Select(p => p.Id));
        Assert.Equal(added.Select(p => p.Id).Reverse(), listed.Select(p => p.Id));
    }

    [Fact]
    public async Task ListingFiltersByUserIgnoringCase()
    {
        await Users.TryCreateAsync(NewUser("Mine"), CancellationToken.None);
        await Users.TryCreateAsync(NewUser("theirs"), CancellationToken.None);
        for (var i = 0; i < 6; i++)
        {
            await Posts.AddAsync(i % 2 == 0 ? "mine" : "theirs", $"post {i}", Now, CancellationToken.None);
        }

        var mine = await Posts.ListAsync(new PostQuery("MINE", 0, 100, null), CancellationToken.None);

        Assert.Equal(["post 4", "post 2", "post 0"], mine.Select(p => p.Body));
        Assert.All(mine, p => Assert.Equal("Mine", p.Username));
    }

    [Fact]
    public async Task BeforeAndOffsetPageWithoutGaps()
    {
        await Users.TryCreateAsync(NewUser("pager"), CancellationToken.None);
        await Users.TryCreateAsync(NewUser("other"), CancellationToken.None);
        for (var i = 0; i < 12; i++)
        {
            await Posts.AddAsync(i % 3 == 0 ? "other" : "pager", $"post {i}", Now, CancellationToken.None);
        }

        foreach (var username in new string?[] { null, "pager" })
        {
            var all = await Posts.ListAsync(new PostQuery(username, 0, 100, null), CancellationToken.None);
            var byCursor = new List<Post>();
            long? before = null;
            while (true)
            {
                var page = await Posts.ListAsync(new PostQuery(username, 0, 5, before), CancellationToken.None);
                byCursor.AddRange(page);
                if (page.Count < 5)
                {
                    break;
                }

                before = page[^1].Id;
            }

            var byOffset = new List<Post>();
            for (var offset = 0; offset < all.Count; offset += 5)
            {
                byOffset.AddRange(await Posts.ListAsync(new PostQuery(username, offset, 5, null), CancellationToken.None));
            }

            var skipped = await Posts.ListAsync(new PostQuery(username, 2, 3, all[0].Id), CancellationToken.None);

            Assert.Equal(all, byCursor);
            Assert.Equal(all, byOffset);
            Assert.Equal(all.Skip(3).Take(3), skipped);
        }
    }

    [Fact]
    public async Task MigratingAgainAppliesNothing()
    {
        var again = await Current.Database.MigrateAsync(CancellationToken.None);
        await Current.Database.PingAsync(CancellationToken.None);

        Assert.Equal(0, again);
    }

    [Fact]
    public async Task ConcurrentMigrationsApplyEachOnce()
    {
        await DeleteStorageAsync();
        await CreateStorageAsync();
        var connected = Enumerable.Range(0, 4).Select(_ => Connect()).ToList();
        try
        {
            var applied = await Task.WhenAll(connected.Select(s => s.Database.MigrateAsync(CancellationToken.None)));

            Assert.Equal(1, applied.Count(n => n > 0));
            Assert.Equal(MigrationCount, applied.Sum());
            Assert.NotNull(await connected[3].Users.TryCreateAsync(NewUser("after"), CancellationToken.None));
        }
        finally
        {
            foreach (var store in connected)
            {
                await store.DisposeAsync();
            }
        }
    }

    /// <summary>The number of migrations of this store.</summary>
    protected abstract int MigrationCount { get; }

    /// <summary>Creates empty storage: a new folder or a new database.</summary>
    protected abstract Task CreateStorageAsync();

    /// <summary>Deletes what <see cref="CreateStorageAsync"/> created.</summary>
    protected abstract Task DeleteStorageAsync();

    /// <summary>Connects a new database object and its stores to the storage, without migrating.</summary>
    protected abstract Stores Connect();

    private static NewUser NewUser(string username) =>
        new(username, $"{username}@Example.test", "First", "Last", $"hash-of-{username}", Now);

    /// <summary>A database object and the stores on it.</summary>
    protected sealed record Stores(IDatabase Database, IUserStore Users, IPostStore Posts) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            switch (Database)
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
}
