namespace Microblog.Tests.Infrastructure;

/// <summary>
/// Marks a test class that needs the MariaDB server of <c>MICROBLOG_TEST_MYSQL</c>. When that
/// variable is unset, <see cref="MicroblogTestFramework"/> reports the class's tests as skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresMariaDbAttribute : Attribute;
