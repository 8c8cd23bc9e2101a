namespace Microblog.Tests.Infrastructure;

/// <summary>A user with a unique name, so tests that share a server never collide.</summary>
public sealed record TestUser(string Username, string Password, string Email, string FirstName, string LastName)
{
    private static int s_counter;

    public object Registration => new
    {
        username = Username,
        password = Password,
        email = Email,
        first_name = FirstName,
        last_name = LastName,
    };

    public static TestUser Create(string prefix = "user")
    {
        var number = Interlocked.Increment(ref s_counter);
        var suffix = $"{number}_{Guid.NewGuid():N}"[..12];
        var username = $"{prefix}_{suffix}";
        if (username.Length > 30)
        {
            username = username[..30];
        }

        return new TestUser(username, "correct horse battery", $"{username}@example.test", "Ada", "Lovelace");
    }
}
