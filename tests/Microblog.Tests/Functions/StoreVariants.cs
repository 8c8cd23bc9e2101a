using Microblog.Tests.Infrastructure;

namespace Microblog.Tests.Functions;

// Every function test class runs twice: against SQLite in a temporary folder, and against a
// fresh MariaDB database when MICROBLOG_TEST_MYSQL is set.

public sealed class ConcurrencyTestsOnSqlite(ServerFixture fixture)
    : ConcurrencyTests(fixture), IClassFixture<ServerFixture>;

[RequiresMariaDb]
public sealed class ConcurrencyTestsOnMariaDb(MariaDbServerFixture fixture)
    : ConcurrencyTests(fixture), IClassFixture<MariaDbServerFixture>;

public sealed class LoginTestsOnSqlite(ServerFixture fixture)
    : LoginTests(fixture), IClassFixture<ServerFixture>;

[RequiresMariaDb]
public sealed class LoginTestsOnMariaDb(MariaDbServerFixture fixture)
    : LoginTests(fixture), IClassFixture<MariaDbServerFixture>;

public sealed class PostTestsOnSqlite(ServerFixture fixture)
    : PostTests(fixture), IClassFixture<ServerFixture>;

[RequiresMariaDb]
public sealed class PostTestsOnMariaDb(MariaDbServerFixture fixture)
    : PostTests(fixture), IClassFixture<MariaDbServerFixture>;

public sealed class RegisterTestsOnSqlite(ServerFixture fixture)
    : RegisterTests(fixture), IClassFixture<ServerFixture>;

[RequiresMariaDb]
public sealed class RegisterTestsOnMariaDb(MariaDbServerFixture fixture)
    : RegisterTests(fixture), IClassFixture<MariaDbServerFixture>;

public sealed class WalkthroughTestsOnSqlite(ServerFixture fixture)
    : WalkthroughTests(fixture), IClassFixture<ServerFixture>;

[RequiresMariaDb]
public sealed class WalkthroughTestsOnMariaDb(MariaDbServerFixture fixture)
    : WalkthroughTests(fixture), IClassFixture<MariaDbServerFixture>;
